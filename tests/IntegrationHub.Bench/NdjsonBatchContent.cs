namespace IntegrationHub.Bench;

/// <summary>
/// An NDJSON batch generated while it is sent: the envelope line, then one record per line, written to the request stream
/// in 64 KB chunks. Only the current chunk is ever in memory, whatever the size of the batch.
/// </summary>
/// <remarks>Its media type (application/x-ndjson) is set by the request that sends it, with the request's other headers.</remarks>
public sealed class NdjsonBatchContent(string batchId, DateTimeOffset extractedAt, RecordGenerator generator, int count) : HttpContent
{
    private const int ChunkBytes = 64 * 1024;

    // Chinese text goes out as UTF-8, as departments send it, not as \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long BytesWritten { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes + (ChunkBytes / 4));
        await using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("batchId", batchId);
        writer.WriteString("schemaVersion", "1");
        writer.WriteString("extractedAt", extractedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
        writer.WriteString("region", "500000");
        writer.WriteEndObject();
        EndLine(writer, buffer);
        for (var i = 0; i < count; i++)
        {
            generator.Write(writer, i);
            EndLine(writer, buffer);
            if (buffer.WrittenCount >= ChunkBytes)
            {
                await SendAsync(stream, buffer, cancellationToken);
            }
        }

        await SendAsync(stream, buffer, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }

    private static void EndLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        writer.Flush();
        buffer.Write("\n"u8);

        // Each line is its own JSON document; Reset lets the writer start the next one in the same buffer.
        writer.Reset();
    }

    private async Task SendAsync(Stream stream, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        BytesWritten += buffer.WrittenCount;
        buffer.ResetWrittenCount();
    }
}
