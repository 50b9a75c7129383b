namespace IntegrationHub.Identity;

/// <summary>How person ids are shown outside the hub: <c>P</c> and the number in at least nine digits (<c>P000000650</c>),
/// never reused.</summary>
/// <remarks>One form everywhere a person id leaves the hub: API answers, exports, and events (their subject and every id
/// in their data, written so into the outbox). The contracts give it as <see cref="Pattern"/>. The bare number is the
/// database's key and stays inside.</remarks>
public static class PersonId
{
    /// <summary>The form as a JSON Schema pattern (contracts/events, contracts/openapi.yaml).</summary>
    public const string Pattern = "^P[0-9]{9,}$";

    public static string Format(long id) => "P" + id.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>P</c> followed by digits; fewer than nine are accepted on input (<c>P650</c> is <c>P000000650</c>).</summary>
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        return text is { Length: > 1 and <= 20 } && text[0] == 'P' && text.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0
            && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
