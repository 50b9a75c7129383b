namespace IntegrationHub.Platform.Audit;

/// <summary>Why personal data is read: the text a reader gives (<c>X-Purpose</c> over HTTP), written to the audit log with the read.</summary>
/// <remarks>
/// Free text, because purposes are as many as the cases officials work on, but checked before it is stored: present,
/// at most <see cref="MaxLength"/> characters, no control characters, and no identity number (a case note is tempting to
/// paste, and the audit log must never hold one). The refusal never echoes the text.
/// </remarks>
public static class ReadPurpose
{
    public const int MaxLength = 200;

    /// <summary>The refusal's code and message, or null when <paramref name="text"/> may be recorded as a purpose.</summary>
    public static (string Code, string Message)? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ("purpose-required", "Say why you read this personal data (X-Purpose): every read is audited with its purpose.");
        }

        if (text.Length > MaxLength)
        {
            return ("too-long", $"The purpose is at most {MaxLength} characters.");
        }

        if (ForbiddenCharacters.First(text) is not null)
        {
            return ("control-character", "The purpose may not hold control characters.");
        }

        return LooksLikeIdNumber(text)
            ? ("purpose-holds-id-number", "The purpose may not hold an identity number: it is written to the audit log.")
            : null;
    }

    // Any run of 15 or more digits, half- or full-width: stricter than intake's own test (which wants a real birth date inside),
    // since no purpose needs such a run and a mistyped number is still someone's.
    private static bool LooksLikeIdNumber(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) || c is >= '０' and <= '９' ? run + 1 : 0;
            if (run >= 15)
            {
                return true;
            }
        }

        return false;
    }
}
