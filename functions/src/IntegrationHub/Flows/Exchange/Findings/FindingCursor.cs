namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>Where a page of a department's findings ended: the last finding's change time and id (the list's order), given
/// out opaque (base64url of <c>ticks.id</c>) as <c>after</c>.</summary>
/// <remarks>A keyset, not an offset: a page starts after the cursor whatever was added or changed since, so the pages of an
/// unchanging list cover it exactly once; a finding that changes while a client pages comes again, later, as it is now.</remarks>
public readonly record struct FindingCursor(DateTimeOffset ChangedAt, long FindingId)
{
    public static FindingCursor Of(FindingView view) =>
        new(view.ChangedAt, Findings.FindingId.TryParse(view.FindingId, out var id) ? id : 0);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ChangedAt.UtcTicks}.{FindingId}")));

    /// <summary>Decodes a cursor <see cref="Encode"/> made; false for anything else.</summary>
    public static bool TryDecode(string text, out FindingCursor cursor)
    {
        cursor = default;
        if (text.Length is 0 or > 64 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.UnixEpoch.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        cursor = new FindingCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
