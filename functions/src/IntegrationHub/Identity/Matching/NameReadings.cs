namespace IntegrationHub.Identity.Matching;

/// <summary>
/// What a Chinese name sounds like and how it is written in simplified characters, from the reference data
/// (<c>pinyin.txt</c>, <c>opencc-TSCharacters.txt</c>), so that 伟/玮/炜 and 靜/静 compare as the same name. Without the
/// files it still works: names then compare by their characters only.
/// </summary>
public sealed class NameReadings
{
    private readonly Dictionary<int, string[]> readings;
    private readonly Dictionary<int, int> simplified;

    private NameReadings(Dictionary<int, string[]> readings, Dictionary<int, int> simplified)
    {
        this.readings = readings;
        this.simplified = simplified;
    }

    public static NameReadings Empty { get; } = new([], []);

    public bool IsAvailable => readings.Count > 0;

    public static NameReadings Load(string? directory)
    {
        if (directory is null)
        {
            return Empty;
        }

        var readings = new Dictionary<int, string[]>();
        var pinyin = Path.Combine(directory, "pinyin.txt");
        if (File.Exists(pinyin))
        {
            foreach (var line in File.ReadLines(pinyin))
            {
                // U+4F1F: wěi,wei  # 伟
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (!line.StartsWith("U+", StringComparison.Ordinal) || colon < 0)
                {
                    continue;
                }

                var codePoint = int.Parse(line.AsSpan(2, colon - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var hash = line.IndexOf('#', StringComparison.Ordinal);
                var values = line[(colon + 1)..(hash < 0 ? line.Length : hash)];
                readings[codePoint] = values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(StripTones).Distinct(StringComparer.Ordinal).ToArray();
            }
        }

        var simplified = new Dictionary<int, int>();
        var traditional = Path.Combine(directory, "opencc-TSCharacters.txt");
        if (File.Exists(traditional))
        {
            foreach (var line in File.ReadLines(traditional))
            {
                var parts = line.Split('\t');
                if (parts.Length < 2 || parts[0].EnumerateRunes().Count() != 1)
                {
                    continue;
                }

                var target = parts[1].Split(' ')[0];
                if (target.EnumerateRunes().Count() == 1)
                {
                    simplified[parts[0].EnumerateRunes().First().Value] = target.EnumerateRunes().First().Value;
                }
            }
        }

        return new NameReadings(readings, simplified);
    }

    public string ToSimplified(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            builder.Append(simplified.TryGetValue(rune.Value, out var target) ? char.ConvertFromUtf32(target) : rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The first toneless reading of each character: a blocking key that puts homophones together.</summary>
    public string ReadingKey(string name)
    {
        var builder = new StringBuilder();
        foreach (var rune in ToSimplified(name).EnumerateRunes())
        {
            builder.Append(readings.TryGetValue(rune.Value, out var options) ? options[0] : rune.ToString()).Append(' ');
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Same length and every position shares a reading (伟 and 玮), or is the same character.</summary>
    public bool SoundAlike(string a, string b)
    {
        var left = ToSimplified(a).EnumerateRunes().ToArray();
        var right = ToSimplified(b).EnumerateRunes().ToArray();
        if (left.Length != right.Length || left.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] == right[i])
            {
                continue;
            }

            if (!readings.TryGetValue(left[i].Value, out var x) || !readings.TryGetValue(right[i].Value, out var y) || !x.Intersect(y).Any())
            {
                return false;
            }
        }

        return true;
    }

    private static string StripTones(string reading)
    {
        var builder = new StringBuilder(reading.Length);
        foreach (var c in reading)
        {
            builder.Append(c switch
            {
                'ā' or 'á' or 'ǎ' or 'à' => 'a',
                'ē' or 'é' or 'ě' or 'è' or 'ê' or 'ế' or 'ề' => 'e',
                'ī' or 'í' or 'ǐ' or 'ì' => 'i',
                'ō' or 'ó' or 'ǒ' or 'ò' => 'o',
                'ū' or 'ú' or 'ǔ' or 'ù' => 'u',
                'ǖ' or 'ǘ' or 'ǚ' or 'ǜ' or 'ü' => 'v',
                'ń' or 'ň' or 'ǹ' => 'n',
                'ḿ' => 'm',
                '\u0300' or '\u0301' or '\u0304' or '\u030C' => '\0',
                _ => c,
            });
        }

        return builder.Replace("\0", "").ToString();
    }
}
