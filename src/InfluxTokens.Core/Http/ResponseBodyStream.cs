using System;
using System.IO;

namespace InfluxTokens.Http
{
    /// <summary>
    /// A response body read through a rule of the client's (a size bound, a deadline for each read): read-only and
    /// forward-only, it disposes the body it wraps. Subclasses say how a read goes.
    /// </summary>
    internal abstract class ResponseBodyStream : Stream
    {
        protected ResponseBodyStream(Stream inner) => Inner = inner;

        protected Stream Inner { get; }

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
            if (disposing) Inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
