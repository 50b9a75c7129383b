namespace IntegrationHub.Identity.Matching;

/// <summary>
/// Keys that put likely pairs together so only a small fraction of all pairs is compared: name reading with birth year,
/// birth date with surname, phone, name reading with employer. Stored only as keyed hashes (they hold personal data).
/// </summary>
internal static class BlockingKeys
{
    public static string? Employer(MatchFeatures features, NameReadings readings) =>
        features.Name is { } name && features.Employer is { } employer ? $"ne|{readings.ReadingKey(name)}|{employer}" : null;

    public static IEnumerable<string> For(MatchFeatures features, NameReadings readings)
    {
        var reading = features.Name is { } name ? readings.ReadingKey(name) : null;
        if (reading is not null && features.BirthDate is { } birth)
        {
            yield return $"nb|{reading}|{birth.Year.ToString(CultureInfo.InvariantCulture)}";
        }

        if (features.Name is { Length: > 0 } surnameSource && features.BirthDate is { } date)
        {
            var surname = readings.ToSimplified(surnameSource).EnumerateRunes().First().ToString();
            yield return $"bs|{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}|{surname}";
        }

        if (features.Phone is { } phone)
        {
            yield return $"ph|{phone}";
        }

        if (Employer(features, readings) is { } employer)
        {
            yield return employer;
        }

        foreach (var former in features.FormerNames)
        {
            if (features.BirthDate is { } formerBirth)
            {
                yield return $"nb|{readings.ReadingKey(former)}|{formerBirth.Year.ToString(CultureInfo.InvariantCulture)}";
            }
        }
    }
}
