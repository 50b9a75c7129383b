using System.IO.Pipelines;

namespace IntegrationHub.Intake.Parsing;

/// <summary>Splits a stream into lines without holding more than one buffer of it: NDJSON of any size streams through.</summary>
internal static class LineReader
{
    public const int MaxLineBytes = 1024 * 1024;

    public static async IAsyncEnumerable<RawLine> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 128 * 1024, leaveOpen: true));
        var number = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var lines = new List<RawLine>();
                while (TryTakeLine(ref buffer, out var line))
                {
                    number++;
                    AddLine(lines, number, line);
                }

                if (result.IsCompleted && buffer.Length > 0)
                {
                    number++;
                    AddLine(lines, number, buffer);
                    buffer = buffer.Slice(buffer.End);
                }

                if (buffer.Length > MaxLineBytes)
                {
                    throw new InvalidDataException($"Line {number + 1} is longer than {MaxLineBytes} bytes.");
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                foreach (var line in lines)
                {
                    yield return line;
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static void AddLine(List<RawLine> lines, int number, ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray();
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        var start = 0;
        while (start < length && bytes[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        // Blank lines keep their number but carry no record.
        if (length > start)
        {
            lines.Add(new RawLine(number, start == 0 && length == bytes.Length ? bytes : bytes[start..length]));
        }
    }
}
