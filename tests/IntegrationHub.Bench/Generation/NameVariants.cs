namespace IntegrationHub.Bench.Generation;

/// <summary>
/// Homophones (same toneless reading, from <c>pinyin.txt</c>) and traditional forms (the inverse of
/// <c>opencc-TSCharacters.txt</c>) of name characters. Without the files, neither corruption is applied.
/// </summary>
public sealed class NameVariants
{
    private readonly Dictionary<char, char[]> homophones;
    private readonly Dictionary<char, char[]> traditional;

    private NameVariants(Dictionary<char, char[]> homophones, Dictionary<char, char[]> traditional)
    {
        this.homophones = homophones;
        this.traditional = traditional;
    }

    public static NameVariants Empty { get; } = new([], []);

    public bool HasHomophones => homophones.Count > 0;

    public bool HasTraditional => traditional.Count > 0;

    public static NameVariants Load(string? directory, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var pinyin = directory is null ? null : Path.Combine(directory, "pinyin.txt");
        var opencc = directory is null ? null : Path.Combine(directory, "opencc-TSCharacters.txt");
        var homophones = pinyin is not null && File.Exists(pinyin) ? LoadHomophones(pinyin) : [];
        var traditional = opencc is not null && File.Exists(opencc) ? LoadTraditional(opencc) : [];
        if (homophones.Count == 0)
        {
            log.WriteLine($"generate: no pinyin.txt in {directory ?? "(no reference directory)"}: homophone names are not generated");
        }

        if (traditional.Count == 0)
        {
            log.WriteLine(
                $"generate: no opencc-TSCharacters.txt in {directory ?? "(no reference directory)"}: traditional names are not generated");
        }

        return new NameVariants(homophones, traditional);
    }

    public IReadOnlyList<char> HomophonesOf(char c) => homophones.TryGetValue(c, out var found) ? found : [];

    public IReadOnlyList<char> TraditionalOf(char c) => traditional.TryGetValue(c, out var found) ? found : [];

    private static Dictionary<char, char[]> LoadHomophones(string path)
    {
        // A clerk's input method offers common characters first: candidates are limited to GB 2312 level 1 (the 3,755 most
        // common characters), so a homophone error never produces a character no one would type.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936);
        var byReading = new Dictionary<string, List<char>>(StringComparer.Ordinal);
        var readingsOf = new Dictionary<char, string[]>();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith("U+", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (colon < 0 || hash < colon
                || !int.TryParse(line.AsSpan(2, colon - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                || code is < 0x4E00 or > 0x9FFF)
            {
                continue;
            }

            var c = (char)code;
            var count = gbk.GetBytes([c], bytes);
            if (count != 2 || bytes[0] is < 0xB0 or > 0xD7 || bytes[1] < 0xA1)
            {
                continue;
            }

            var readings = line[(colon + 1)..hash].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(Toneless).Distinct(StringComparer.Ordinal).ToArray();
            readingsOf[c] = readings;
            foreach (var reading in readings)
            {
                if (!byReading.TryGetValue(reading, out var list))
                {
                    byReading[reading] = list = [];
                }

                list.Add(c);
            }
        }

        // The first reading is the usual one; a homophone error follows the sound the typist had in mind.
        var result = new Dictionary<char, char[]>();
        foreach (var (c, readings) in readingsOf)
        {
            var others = byReading[readings[0]].Where(o => o != c).ToArray();
            if (others.Length > 0)
            {
                result[c] = others;
            }
        }

        return result;
    }

    private static Dictionary<char, char[]> LoadTraditional(string path)
    {
        var inverse = new Dictionary<char, List<char>>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length != 2 || parts[0].Length != 1)
            {
                continue;
            }

            var from = parts[0][0];
            foreach (var simplified in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (simplified.Length != 1 || simplified[0] == from)
                {
                    continue;
                }

                if (!inverse.TryGetValue(simplified[0], out var list))
                {
                    inverse[simplified[0]] = list = [];
                }

                list.Add(from);
            }
        }

        return inverse.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static string Toneless(string reading)
    {
        var builder = new StringBuilder(reading.Length);
        foreach (var c in reading)
        {
            builder.Append(c switch
            {
                'ā' or 'á' or 'ǎ' or 'à' => 'a',
                'ē' or 'é' or 'ě' or 'è' or 'ê' => 'e',
                'ī' or 'í' or 'ǐ' or 'ì' => 'i',
                'ō' or 'ó' or 'ǒ' or 'ò' => 'o',
                'ū' or 'ú' or 'ǔ' or 'ù' => 'u',
                'ǖ' or 'ǘ' or 'ǚ' or 'ǜ' or 'ü' => 'v',
                'ń' or 'ň' or 'ǹ' => 'n',
                'ḿ' => 'm',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
