using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Http
{
    /// <summary>
    /// Reads a response body that is parsed whole (a single token, a create's answer, the resource types) and
    /// stops at a size no such answer reaches, so a broken or hostile server cannot make the module hold
    /// hundreds of megabytes. Lists are streamed and not bounded here.
    /// </summary>
    internal sealed class BoundedReadStream : ResponseBodyStream
    {
        private readonly long _limit;
        private long _read;

        public BoundedReadStream(Stream inner, long limit)
            : base(inner) => _limit = limit;

        public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        private int Count(int n)
        {
            _read += n;
            if (_read > _limit) throw new AnswerTooLargeException(_limit);
            return n;
        }
    }

    /// <summary>A body past <see cref="BoundedReadStream"/>'s limit.</summary>
    internal sealed class AnswerTooLargeException : Exception
    {
        public AnswerTooLargeException(long limit)
            : base("more than " + (limit / (1024 * 1024)) + " MiB")
        {
        }
    }
}
