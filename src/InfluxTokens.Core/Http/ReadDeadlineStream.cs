using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Http
{
    /// <summary>
    /// A streamed response body in which each read must bring bytes within the timeout. A list goes on for as long as
    /// the server keeps sending, and the time the caller spends on what it has already read (a slow pipeline) does not
    /// count against the server. One timer, armed for each read and disarmed after it, not re-armed for each element.
    /// </summary>
    internal sealed class ReadDeadlineStream : Stream
    {
        private readonly Stream _inner;
        private readonly TimeSpan _timeout;
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource _deadline;

        public ReadDeadlineStream(Stream inner, TimeSpan timeout, CancellationToken cancellationToken)
        {
            _inner = inner;
            _timeout = timeout;
            _caller = cancellationToken;
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _deadline.CancelAfter(_timeout);
            try
            {
                // The deadline already follows the caller's token; another one given to a read is followed for that read.
                using (cancellationToken.CanBeCanceled && cancellationToken != _caller ? cancellationToken.Register(s => ((CancellationTokenSource)s!).Cancel(), _deadline) : default)
                    return await _inner.ReadAsync(buffer, offset, count, _deadline.Token).ConfigureAwait(false);
            }
            finally
            {
                _deadline.CancelAfter(Timeout.Infinite);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _deadline.Dispose();
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
