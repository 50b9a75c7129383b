namespace IntegrationHub.Intake.Rules;

/// <summary>
/// GB/T 2260 administrative division codes since 1981, current and retired, loaded from the reference file
/// (yescallop/areacodes layout: code, province, prefecture, name, level, status, year in use, year changed, new code).
/// </summary>
public sealed class AreaCodes
{
    private const string InUse = "在用";
    private const string Abandoned = "弃用";
    private const string Changed = "变更";
    private const int ColumnCount = 9;

    private readonly Dictionary<string, (AreaCodeStatus Status, string Name, string[] Successors)> entries;

    private AreaCodes(Dictionary<string, (AreaCodeStatus Status, string Name, string[] Successors)> entries, bool isAvailable)
    {
        this.entries = entries;
        IsAvailable = isAvailable;
    }

    public static AreaCodes Unavailable { get; } = new([], false);

    public bool IsAvailable { get; }

    public int Count => entries.Count;

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A row does not have the expected shape.</exception>
    public static AreaCodes Load(string csvPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        var entries = new Dictionary<string, (AreaCodeStatus Status, string Name, string[] Successors)>(8192, StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(csvPath, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && !char.IsAsciiDigit(line[0])))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != ColumnCount || !IsSixDigits(fields[0]))
            {
                throw new InvalidDataException(
                    $"{csvPath} line {lineNumber}: expected {ColumnCount} columns starting with a six-digit code");
            }

            var code = fields[0];
            var name = fields[3];
            var successors = ParseSuccessors(fields[8], csvPath, lineNumber);
            switch (fields[5])
            {
                case InUse:
                    entries[code] = (AreaCodeStatus.Current, name, []);
                    break;
                case Abandoned:
                    entries[code] = (AreaCodeStatus.Retired, name, successors);
                    break;
                case Changed:
                    // A change row records an earlier name or meaning of the code; the in-use or retired row for the code,
                    // wherever it sits in the file, decides its status.
                    if (!entries.ContainsKey(code))
                    {
                        entries[code] = (AreaCodeStatus.Retired, name, [.. successors.Where(s => s != code)]);
                    }

                    break;
                default:
                    throw new InvalidDataException($"{csvPath} line {lineNumber}: unknown status '{fields[5]}'");
            }
        }

        return new AreaCodes(entries, true);
    }

    public AreaCodeInfo Lookup(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!entries.TryGetValue(code, out var entry))
        {
            return new AreaCodeInfo(code, AreaCodeStatus.Unknown, null, null);
        }

        var replacement = entry.Status == AreaCodeStatus.Retired ? Resolve(code, []) : null;
        return new AreaCodeInfo(code, entry.Status, entry.Name, replacement);
    }

    public bool EverInUse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return entries.ContainsKey(code);
    }

    public string? CurrentEquivalent(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return entries.ContainsKey(code) ? Resolve(code, []) : null;
    }

    private string? Resolve(string code, HashSet<string> visited)
    {
        if (!visited.Add(code) || !entries.TryGetValue(code, out var entry))
        {
            return null;
        }

        if (entry.Status == AreaCodeStatus.Current)
        {
            return code;
        }

        // A division split among several successors has no single code today unless every branch ends in the same one.
        string? result = null;
        foreach (var successor in entry.Successors)
        {
            var resolved = Resolve(successor, [.. visited]);
            if (resolved is null || (result is not null && resolved != result))
            {
                return null;
            }

            result = resolved;
        }

        return result;
    }

    private static string[] ParseSuccessors(string field, string csvPath, int lineNumber)
    {
        if (field.Length == 0)
        {
            return [];
        }

        var successors = new List<string>(1);
        foreach (var part in field.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // "code[year]" marks territory handed over in that year while this code lived on: not a successor.
            if (part.Contains('[', StringComparison.Ordinal))
            {
                continue;
            }

            if (!IsSixDigits(part))
            {
                throw new InvalidDataException($"{csvPath} line {lineNumber}: new code '{part}' is not a six-digit code");
            }

            successors.Add(part);
        }

        return [.. successors];
    }

    private static bool IsSixDigits(string text) => text.Length == 6 && text.All(char.IsAsciiDigit);
}
