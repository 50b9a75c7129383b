using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Intake.Storage;

/// <summary>A line's errors or warnings as the shared list stored once in <c>intake_problem_set</c> (migration 0013).</summary>
internal static class ProblemSets
{
    /// <summary>The record's problems with paths relative to the record, and the hash that names them; null when it has none.</summary>
    public static (byte[] Hash, string Json)? Of(ProcessedRecord record, bool jsonFormat)
    {
        if (record.Problems.Count == 0)
        {
            return null;
        }

        var prefix = Prefix(record.Line, jsonFormat);
        var relative = prefix.Length == 0
            ? record.Problems
            : record.Problems.Select(p => p with { Path = p.Path.StartsWith(prefix, StringComparison.Ordinal) ? p.Path[prefix.Length..] : p.Path }).ToList();
        var json = JsonSerializer.Serialize(relative);
        return (SHA256.HashData(Encoding.UTF8.GetBytes(json)), json);
    }

    /// <summary>Reads a line's problems: its own (written before migration 0013, paths whole) or its shared list, re-prefixed.</summary>
    public static List<FieldError> Read(string? ownJson, string? sharedJson, int line, bool jsonFormat)
    {
        if (ownJson is not null)
        {
            return JsonSerializer.Deserialize<List<FieldError>>(ownJson)!;
        }

        var shared = JsonSerializer.Deserialize<List<FieldError>>(sharedJson!)!;
        var prefix = Prefix(line, jsonFormat);
        return prefix.Length == 0 ? shared : shared.Select(p => p with { Path = prefix + p.Path }).ToList();
    }

    /// <summary>The statement that stores a chunk's distinct lists (in hash order, so two chunks never wait on each other in a cycle).</summary>
    public static NpgsqlBatchCommand? InsertCommand(IEnumerable<(byte[] Hash, string Json)?> sets)
    {
        var distinct = sets.OfType<(byte[] Hash, string Json)>()
            .DistinctBy(s => Convert.ToHexString(s.Hash))
            .OrderBy(s => s.Hash, ByteOrder.Instance)
            .ToList();
        if (distinct.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand("""
            INSERT INTO intake_problem_set (hash, problems)
            SELECT u.hash, u.problems::jsonb FROM unnest(@hashes, @problems) AS u(hash, problems)
            ON CONFLICT (hash) DO NOTHING
            """);
        command.Parameters.AddWithValue("hashes", distinct.Select(s => s.Hash).ToArray());
        command.Parameters.AddWithValue("problems", distinct.Select(s => s.Json).ToArray());
        return command;
    }

    private static string Prefix(int line, bool jsonFormat) => jsonFormat ? $"/records/{line - 1}" : "";

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
