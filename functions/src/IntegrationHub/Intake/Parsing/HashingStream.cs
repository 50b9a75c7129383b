namespace IntegrationHub.Intake.Parsing;

/// <summary>A read-only pass-through that hashes every byte read, so a streamed batch is fingerprinted without a second pass.</summary>
/// <remarks>
/// It also holds a batch to <c>maxBytes</c>: past it, a read throws <see cref="BodyLimitException"/>. An NDJSON batch is
/// fingerprinted by its lines instead (<see cref="FingerprintedLines"/>), so its bytes are counted but not hashed.
/// </remarks>
internal sealed class HashingStream(Stream inner, long maxBytes = long.MaxValue, bool hashBytes = true) : ReadOnlyPassThroughStream(inner)
{
    private readonly IncrementalHash? hash = hashBytes ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;

    /// <summary>Reads what is left, then returns the SHA-256 of everything read (empty when the bytes are not hashed).</summary>
    public async Task<byte[]> FinishAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }

        return hash?.GetHashAndReset() ?? [];
    }

    protected override void Observe(ReadOnlySpan<byte> bytes)
    {
        hash?.AppendData(bytes);
        if (BytesRead > maxBytes)
        {
            throw new BodyLimitException("batch-too-large",
                $"A batch may hold at most {maxBytes} bytes (decompressed). Split it into several batches.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash?.Dispose();
        }

        base.Dispose(disposing);
    }
}
