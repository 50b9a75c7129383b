namespace IntegrationHub.Identity.Matching;

/// <summary>Turns a record and a candidate person into agreement levels, one per field both have.</summary>
internal sealed class Comparator(NameReadings readings)
{
    /// <param name="employerAgrees">the person already has this name reading on record at the record's employer; only
    /// agreement counts, since people change jobs.</param>
    public Dictionary<MatchField, int> Compare(MatchFeatures record, MatchFeatures person, bool? numberIsNeighbour, bool employerAgrees = false)
    {
        var levels = new Dictionary<MatchField, int>();
        if (employerAgrees)
        {
            levels[MatchField.Employer] = 0;
        }

        if (record.Name is { } name && person.Name is not null)
        {
            levels[MatchField.Name] = person.FormerNames.Append(person.Name).Min(known => NameLevel(name, known));
        }

        if (record.BirthDate is { } birth && person.BirthDate is { } known)
        {
            levels[MatchField.BirthDate] = birth == known ? 0
                : birth.Day <= 12 && birth.Year == known.Year && birth.Month == known.Day && birth.Day == known.Month ? 1
                : birth.Month == known.Month && birth.Day == known.Day && Math.Abs(birth.Year - known.Year) == 1 ? 2
                : 3;
        }

        if (numberIsNeighbour is { } neighbour)
        {
            levels[MatchField.IdNumber] = neighbour ? 0 : 1;
        }

        if (record.Gender is { } gender && person.Gender is { } personGender)
        {
            levels[MatchField.Gender] = gender == personGender ? 0 : 1;
        }

        if (record.Region is { Length: 6 } region && person.Region is { Length: 6 } personRegion)
        {
            levels[MatchField.Region] = region == personRegion ? 0 : region[..4] == personRegion[..4] ? 1 : 2;
        }

        if (record.Phone is { } phone && person.Phone is { } personPhone)
        {
            levels[MatchField.Phone] = phone == personPhone ? 0 : 1;
        }

        return levels;
    }

    private int NameLevel(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        if (readings.ToSimplified(a) == readings.ToSimplified(b))
        {
            return 1;
        }

        if (readings.SoundAlike(a, b))
        {
            return 2;
        }

        return EditDistanceIsOne(a.EnumerateRunes().ToArray(), b.EnumerateRunes().ToArray()) ? 3 : 4;
    }

    private static bool EditDistanceIsOne(System.Text.Rune[] a, System.Text.Rune[] b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (b.Length > a.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) == 1;
    }
}
