using IntegrationHub.Intake.Feeds;

namespace IntegrationHub.Identity.Lookup;

/// <summary>
/// The read side of persons, for the API and the console: search by identity number or by name and birth date, one
/// person's page, and a department's cross-reference from its own record to the person. Every read is audited with its
/// reader and purpose, in the transaction that reads, and identity numbers are masked unless the reader is entitled.
/// </summary>
/// <remarks>
/// The search is in <c>PersonLookup.Search.cs</c>, the person page in <c>.View.cs</c>, the cross-reference in
/// <c>.CrossReference.cs</c>. <see cref="ReadAsync"/> and <see cref="ExistsAsync"/> work in a caller's transaction for the
/// modules after identity that show a person together with their own data (labor's facts: <c>Labor.Lookup.PersonDossierReader</c>
/// is the person page; the events); such a caller audits the read itself. The purpose is checked by the caller too (<see cref="ReadPurpose"/>); here it is only recorded.
/// </remarks>
public sealed partial class PersonLookup(
    NpgsqlDataSource dataSource,
    AuditLog audit,
    IdentityProtector protector,
    FeatureExtractor features,
    FeedCatalogProvider feeds)
{
    /// <summary>The most persons a search returns.</summary>
    public const int MaxResults = 50;

    /// <summary>Whether the person exists (merged away or not), in the caller's transaction.</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long person,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM person WHERE person_id = @p)", connection, transaction);
        command.Parameters.AddWithValue("p", person);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Parses a person id as the API gives it (<c>P000000650</c>; fewer digits accepted); refuses anything else.</summary>
    /// <exception cref="LookupRefusedException">InvalidInput at <paramref name="path"/>.</exception>
    public static long ParsePersonId(string? text, string path) => PersonId.TryParse(text, out var id)
        ? id
        : throw LookupRefusedException.Invalid(path, "person-id", "That is not a person id (P followed by digits, as P000000650).");

    internal Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PersonReader reader, string action, string purpose,
        string? subject, object detail, CancellationToken cancellationToken) =>
        audit.AppendAsync(connection, transaction, new AuditEntry(reader.Name, action, purpose, subject, JsonSerializer.Serialize(detail)),
            cancellationToken);

    /// <summary>The number as the reader may see it: whole when entitled, else masked; null when there is none.</summary>
    private (string? Number, bool Masked) Shown(byte[]? cipher, PersonReader reader)
    {
        if (cipher is null)
        {
            return (null, false);
        }

        var number = protector.Decrypt(cipher, ProtectionPurposes.IdNumber);
        return reader.SeesIdNumbers ? (number, false) : (IdentityProtector.Mask(number), true);
    }
}
