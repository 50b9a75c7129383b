using System.Buffers.Binary;

namespace IntegrationHub.Intake.Parsing;

/// <summary>The lines of an NDJSON body, fingerprinted as they are read: what "the same batch" means for NDJSON.</summary>
/// <remarks>
/// The fingerprint covers each non-blank line's number and its bytes as <see cref="LineReader"/> yields them (without
/// the line break, a trailing carriage return or surrounding spaces), so the same records sent with CRLF line ends or
/// without the final newline are the same batch, while a moved, added or changed line is not.
/// </remarks>
internal sealed class FingerprintedLines(IAsyncEnumerator<RawLine> lines) : IAsyncDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public RawLine Current => lines.Current;

    public async ValueTask<bool> MoveNextAsync()
    {
        if (!await lines.MoveNextAsync())
        {
            return false;
        }

        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(number, lines.Current.Number);
        BinaryPrimitives.WriteInt32LittleEndian(number[4..], lines.Current.Bytes.Length);
        hash.AppendData(number);
        hash.AppendData(lines.Current.Bytes);
        return true;
    }

    /// <summary>Reads the lines not yet read and returns the fingerprint of them all.</summary>
    public async Task<byte[]> FinishAsync()
    {
        while (await MoveNextAsync())
        {
        }

        return hash.GetHashAndReset();
    }

    public async ValueTask DisposeAsync()
    {
        hash.Dispose();
        await lines.DisposeAsync();
    }
}
