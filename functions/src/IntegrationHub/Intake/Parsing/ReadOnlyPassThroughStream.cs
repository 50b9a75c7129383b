namespace IntegrationHub.Intake.Parsing;

/// <summary>A read-only, forward-only stream over another that sees every chunk read through it.</summary>
/// <remarks>The base of intake's body streams (hashing, counting, bounded decompression): only <see cref="Observe"/> differs.</remarks>
public abstract class ReadOnlyPassThroughStream(Stream inner) : Stream
{
    /// <summary>Bytes read through this stream so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Track(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Track(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Called with each chunk just read, after <see cref="BytesRead"/> counts it; may throw to stop the reader.</summary>
    protected virtual void Observe(ReadOnlySpan<byte> bytes)
    {
    }

    private void Track(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        Observe(bytes);
    }
}
