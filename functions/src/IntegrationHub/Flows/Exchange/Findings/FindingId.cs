namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>A finding's id as it leaves the hub: F and the number in at least nine digits (F000000012).</summary>
public static class FindingId
{
    public static string Format(long id) => "F" + id.ToString("D9", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        return text is { Length: >= 2 and <= 19 } && text[0] == 'F'
            && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
