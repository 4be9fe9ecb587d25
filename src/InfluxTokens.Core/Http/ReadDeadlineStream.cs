using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Http
{
    /// <summary>
    /// A streamed response body in which each read must bring bytes within the timeout. A list goes on for as long as
    /// the server keeps sending, and the time the caller spends on what it has already read (a slow pipeline) does not
    /// count against the server. A deadline for each read (a few hundred for 100,000 tokens), none for each element.
    /// </summary>
    internal sealed class ReadDeadlineStream : ResponseBodyStream
    {
        private readonly TimeSpan _timeout;

        public ReadDeadlineStream(Stream inner, TimeSpan timeout)
            : base(inner) => _timeout = timeout;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            // Its own deadline: one that fired as a read came back cannot fail the next read.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            return await Inner.ReadAsync(buffer, offset, count, deadline.Token).ConfigureAwait(false);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A streamed list is read asynchronously, each read under its deadline.");
    }
}
