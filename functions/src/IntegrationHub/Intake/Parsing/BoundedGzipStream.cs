using System.IO.Compression;

namespace IntegrationHub.Intake.Parsing;

/// <summary>Decompresses a gzip body and refuses one that expands far more than real extracts do (a decompression bomb).</summary>
/// <remarks>
/// The compressed bytes are counted beneath the decompressor, the decompressed ones above it; once the output passes
/// <c>checkedFrom</c> bytes it may be at most <c>maxRatio</c> times the input read so far. A bomb is stopped after
/// <c>checkedFrom</c> bytes of work instead of gigabytes; the absolute cap on a batch is <see cref="HashingStream"/>'s.
/// </remarks>
public sealed class BoundedGzipStream : Stream
{
    private readonly CountingStream compressed;
    private readonly GZipStream gzip;
    private readonly int maxRatio;
    private readonly long checkedFrom;
    private long decompressed;

    public BoundedGzipStream(Stream body, int maxRatio, long checkedFrom)
    {
        compressed = new CountingStream(body);
        gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        this.maxRatio = maxRatio;
        this.checkedFrom = checkedFrom;
    }

    public static BoundedGzipStream For(Stream body, IntakeOptions options) =>
        new(body, options.MaxExpansionRatio, options.ExpansionCheckedFrom);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => decompressed; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Track(gzip.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Track(await gzip.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await gzip.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Track(int read)
    {
        decompressed += read;
        if (decompressed > checkedFrom && decompressed > (long)maxRatio * Math.Max(1, compressed.BytesRead))
        {
            throw new BodyLimitException("compression-ratio",
                $"The gzip body expands more than {maxRatio} times ({compressed.BytesRead} bytes became over {decompressed}); real extracts " +
                "do not. Nothing after this point was read.");
        }

        return read;
    }

    /// <summary>Counts what the decompressor pulls from the body.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
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
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
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
    }
}
