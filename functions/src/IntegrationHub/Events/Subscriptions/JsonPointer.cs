namespace IntegrationHub.Events.Subscriptions;

/// <summary>RFC 6901 JSON Pointers: validation and their reference tokens.</summary>
internal static class JsonPointer
{
    /// <summary>A pointer to a data field: starts with <c>/</c>, escapes only <c>~0</c> and <c>~1</c>, and holds no control
    /// character or lone surrogate (no field the hub emits is named with one, and PostgreSQL cannot store U+0000).</summary>
    public static bool IsValid(string pointer)
    {
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < pointer.Length; i++)
        {
            var c = pointer[i];
            if (c == '~' && (i + 1 == pointer.Length || (pointer[i + 1] != '0' && pointer[i + 1] != '1')))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < pointer.Length && char.IsLowSurrogate(pointer[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    public static IReadOnlyList<string> Tokens(string pointer)
    {
        var parts = pointer[1..].Split('/');
        var tokens = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            tokens[i] = new StringBuilder(parts[i]).Replace("~1", "/").Replace("~0", "~").ToString();
        }

        return tokens;
    }
}
