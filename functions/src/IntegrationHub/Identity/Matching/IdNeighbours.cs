using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Identity.Matching;

/// <summary>
/// The valid numbers one keying slip away from an invalid one: one character substituted or two adjacent characters
/// swapped. Two valid numbers never differ that way (the MOD 11-2 check catches both), so a person holding one of these
/// is strong evidence that the record is theirs.
/// </summary>
internal static class IdNeighbours
{
    public static IReadOnlyList<string> Of(string number)
    {
        var neighbours = new List<string>();
        if (number.Length != 18)
        {
            return neighbours;
        }

        var chars = number.ToCharArray();
        for (var i = 0; i < 18; i++)
        {
            var original = chars[i];
            foreach (var replacement in i == 17 ? "0123456789X" : "0123456789")
            {
                if (replacement == original)
                {
                    continue;
                }

                chars[i] = replacement;
                AddIfValid(chars, neighbours);
            }

            chars[i] = original;
        }

        for (var i = 0; i < 17; i++)
        {
            if (chars[i] == chars[i + 1] || chars[i + 1] == 'X')
            {
                continue;
            }

            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            AddIfValid(chars, neighbours);
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }

        return neighbours;
    }

    private static void AddIfValid(char[] chars, List<string> neighbours)
    {
        if (IdentityNumber.CheckCharacter(chars.AsSpan(0, 17)) == chars[17])
        {
            neighbours.Add(new string(chars));
        }
    }
}
