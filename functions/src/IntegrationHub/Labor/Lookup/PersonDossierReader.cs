using IntegrationHub.Identity;
using IntegrationHub.Identity.Lookup;

namespace IntegrationHub.Labor.Lookup;

/// <summary>Reads one person's page (identity's view and the labor facts) in one snapshot, audited as <c>person.read</c> with
/// the reader and the purpose.</summary>
public sealed class PersonDossierReader(NpgsqlDataSource dataSource, PersonLookup persons, AuditLog audit)
{
    /// <exception cref="LookupRefusedException">NotFound: there is no such person.</exception>
    public async Task<PersonDossier> GetAsync(long person, PersonReader reader, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var view = await persons.ReadAsync(connection, transaction, person, reader, cancellationToken)
            ?? throw new LookupRefusedException(LookupRefusal.NotFound, "unknown-person", $"There is no person {PersonId.Format(person)}.");
        var facts = await LaborFactReader.ReadAsync(connection, transaction, person, cancellationToken);
        await audit.AppendAsync(connection, transaction, new AuditEntry(reader.Name, "person.read", purpose, view.PersonId,
            JsonSerializer.Serialize(new { records = view.Records.Count, facts = facts.Employment.Count + facts.Unemployment.Count
                + facts.Difficulty.Count })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PersonDossier(view, facts);
    }
}
