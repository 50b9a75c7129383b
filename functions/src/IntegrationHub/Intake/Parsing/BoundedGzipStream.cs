using System.IO.Compression;

namespace IntegrationHub.Intake.Parsing;

/// <summary>Decompresses a gzip body and refuses one that expands far more than real extracts do (a decompression bomb).</summary>
/// <remarks>
/// The compressed bytes are counted beneath the decompressor, the decompressed ones above it; once the output passes
/// <c>checkedFrom</c> bytes it may be at most <c>maxRatio</c> times the input read so far. A bomb is stopped after
/// <c>checkedFrom</c> bytes of work instead of gigabytes; the absolute cap on a batch is <see cref="HashingStream"/>'s.
/// </remarks>
public sealed class BoundedGzipStream : ReadOnlyPassThroughStream
{
    private readonly CountingStream compressed;
    private readonly GZipStream gzip;
    private readonly int maxRatio;
    private readonly long checkedFrom;

    private BoundedGzipStream(CountingStream compressed, GZipStream gzip, int maxRatio, long checkedFrom)
        : base(gzip)
    {
        this.compressed = compressed;
        this.gzip = gzip;
        this.maxRatio = maxRatio;
        this.checkedFrom = checkedFrom;
    }

    public static BoundedGzipStream For(Stream body, IntakeOptions options)
    {
        var compressed = new CountingStream(body);
        return new BoundedGzipStream(compressed, new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true),
            options.MaxExpansionRatio, options.ExpansionCheckedFrom);
    }

    protected override void Observe(ReadOnlySpan<byte> bytes)
    {
        if (BytesRead > checkedFrom && BytesRead > (long)maxRatio * Math.Max(1, compressed.BytesRead))
        {
            throw new BodyLimitException("compression-ratio",
                $"The gzip body expands more than {maxRatio} times ({compressed.BytesRead} bytes became over {BytesRead}); real extracts " +
                "do not. Nothing after this point was read.");
        }
    }

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

    /// <summary>Counts what the decompressor pulls from the body.</summary>
    private sealed class CountingStream(Stream inner) : ReadOnlyPassThroughStream(inner);
}
