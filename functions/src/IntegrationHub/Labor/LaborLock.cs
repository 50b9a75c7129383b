namespace IntegrationHub.Labor;

/// <summary>
/// How labor workers keep each other off a person: a transaction-scoped advisory lock on the person id, plus a key-share
/// lock on the person's row. Not the row lock a linker takes: a worker holds its chunk for the whole recomputation, and a
/// link to one of its persons would wait that long. A link that commits meanwhile marks the person dirty again, so the
/// person is recomputed; merges and splits lock the row <c>FOR UPDATE</c>, which the key-share lock keeps out.
/// </summary>
internal static class LaborLock
{
    /// <summary>The advisory lock space of labor workers (the first key of the two-key form; "LABR").</summary>
    private const int Space = 0x4C414252;

    /// <summary>SQL that tries the lock of the person id in <paramref name="column"/> and says whether it got it.</summary>
    public static string Try(string column) => $"pg_try_advisory_xact_lock({Space}, {Key(column)})";

    /// <summary>SQL that waits for the lock of the person id in <paramref name="column"/>.</summary>
    public static string Wait(string column) => $"pg_advisory_xact_lock({Space}, {Key(column)})";

    /// <summary>The second key: the id's low 31 bits. Ids that share them only share a lock, which costs a wait, not a fact.</summary>
    public static string Key(string column) => $"({column} & 2147483647)::int";
}
