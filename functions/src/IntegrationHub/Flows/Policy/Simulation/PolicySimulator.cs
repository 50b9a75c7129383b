using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Decisions;
using IntegrationHub.Flows.Policy.Facts;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Intake.Validation;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Policy.Simulation;

/// <summary>
/// Decides a policy document that is not (yet) in the catalogue for every subject of its kind, storing nothing: how many
/// would be eligible, by district (the six-digit region), and a sample of explanations. Subjects are read a page at a
/// time, so the cost in memory does not grow with the population.
/// </summary>
public sealed class PolicySimulator(NpgsqlDataSource dataSource, PolicyCatalogueProvider catalogue, ReferenceData reference,
    SubjectFactsLoader loader, HubCalendar calendar, IOptions<PolicyOptions> options)
{
    private const int Page = 500;

    /// <exception cref="PolicyRequestException">The document is not a good policy (each problem with its pointer).</exception>
    public async Task<JsonObject> SimulateAsync(string document, CancellationToken cancellationToken)
    {
        var schema = await SchemaValidator.LoadAsync(Path.Combine(catalogue.Directory, PolicyLoader.SchemaFileName), cancellationToken);
        var errors = new List<PolicyLoadError>();
        var policy = PolicyLoader.Read("request", document, schema, reference.Areas, errors);
        if (policy is null)
        {
            throw new PolicyRequestException(PolicyRefusal.Invalid, errors[0].Code, "The policy document was refused: " + errors[0].Reason,
                [.. errors.Select(e => new FieldError(e.Pointer, e.Code, e.Reason))]);
        }

        var today = calendar.Today;
        var byDistrict = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var samples = new JsonArray();
        var (subjects, eligible) = (0, 0);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the whole run, read only: the counts add up even while facts change.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        string after = "";
        while (true)
        {
            var page = policy.Subject == PolicySubject.Person
                ? (await LaborReader.PersonsAfterAsync(connection, transaction, after.Length == 0 ? 0 : long.Parse(after,
                    CultureInfo.InvariantCulture),
                    Page, cancellationToken)).Select(SubjectKey.Person).ToList()
                : (await LaborReader.EmployersAfterAsync(connection, transaction, after, Page,
                    cancellationToken)).Select(SubjectKey.Employer).ToList();
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            var facts = await loader.LoadAsync(connection, transaction, page, today, cancellationToken);
            foreach (var (subject, set) in facts.Facts)
            {
                subjects++;
                var decision = PolicyDecider.Decide(policy.Id, policy.InEffectOn(today) ? policy : null, set, subject, null, today);
                if (!decision.Eligible)
                {
                    continue;
                }

                eligible++;
                var district = set[policy.Subject == PolicySubject.Person ? "person.hukouRegion" : "employer.registrationRegion"].Value?
                    .GetValue<string>() ?? "unknown";
                byDistrict[district] = byDistrict.GetValueOrDefault(district) + 1;
                if (samples.Count < options.Value.SimulationSamples)
                {
                    samples.Add(decision.Explanation);
                }
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        return new JsonObject
        {
            ["policyId"] = policy.Id,
            ["version"] = policy.Version,
            ["decidedOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["inEffect"] = policy.InEffectOn(today),
            ["subjects"] = subjects,
            ["eligible"] = eligible,
            ["byDistrict"] = new JsonObject([.. byDistrict.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))]),
            ["samples"] = samples,
        };
    }
}
