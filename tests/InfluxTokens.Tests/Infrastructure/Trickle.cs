namespace InfluxTokens.Tests.Infrastructure;

/// <summary>
/// A body handed out at most a few bytes a read, as a slow network gives it; it can stop sending (without closing)
/// at a position until <see cref="Release"/> is completed (at most 30 s). A read with a cancelled token fails, as a socket's does.
/// </summary>
public sealed class Trickle(byte[] data, int maxChunk, int holdAt = -1) : Stream
{
    private int _position;

    public TaskCompletionSource Release { get; } = new();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (_position == holdAt) await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), ct); // a test that forgot to release, or a deadline that never came, fails instead of hanging
        var n = Math.Min(Math.Min(buffer.Length, maxChunk), data.Length - _position);
        data.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
    public override void SetLength(long v) => throw new NotSupportedException();
    public override void Write(byte[] b, int o, int c) => throw new NotSupportedException();
}
