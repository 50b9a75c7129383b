using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Flows.Policy.Decisions;
using IntegrationHub.Flows.Policy.Rules;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Policy.Facts;

/// <summary>Reads the facts of a set of subjects through labor's read face: persons directly, employers through the persons
/// with spells there. A merged-away person is reported with its survivor instead of facts.</summary>
public sealed class SubjectFactsLoader(LaborReader reader)
{
    public async Task<SubjectFacts> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<SubjectKey> subjects,
        DateOnly today, CancellationToken cancellationToken)
    {
        var result = new SubjectFacts();
        var persons = subjects.Where(s => s.Kind == PolicySubject.Person).Select(s => s.PersonNumber).ToList();
        var employers = subjects.Where(s => s.Kind == PolicySubject.Employer).Select(s => s.Id).ToList();
        var employees = employers.Count == 0
            ? []
            : await LaborReader.EmployeesAsync(connection, transaction, employers, cancellationToken);
        var views = await reader.PersonsAsync(connection, transaction, [.. persons, .. employees.Values.SelectMany(e => e)], today,
            cancellationToken);
        var cache = new Dictionary<long, FactSet>();
        FactSet Of(PersonLaborView view) =>
            cache.TryGetValue(view.PersonId, out var built) ? built : cache[view.PersonId] = PersonFacts.Build(view, today);

        foreach (var person in persons)
        {
            if (!views.TryGetValue(person, out var view))
            {
                result.Missing.Add(SubjectKey.Person(person));
            }
            else if (view.MergedInto is { } survivor)
            {
                result.MergedInto[SubjectKey.Person(person)] = survivor;
            }
            else
            {
                result.Facts[SubjectKey.Person(person)] = Of(view);
            }
        }

        foreach (var employer in employers)
        {
            var staff = employees.GetValueOrDefault(employer) ?? [];
            result.Facts[SubjectKey.Employer(employer)] = EmployerFacts.Build(employer,
                staff.Where(views.ContainsKey).Select(p => views[p]), Of, today);
        }

        return result;
    }
}

/// <summary>What <see cref="SubjectFactsLoader"/> found: facts by subject, persons merged away (to their survivor) and
/// persons that do not exist.</summary>
public sealed class SubjectFacts
{
    public Dictionary<SubjectKey, FactSet> Facts { get; } = [];

    public Dictionary<SubjectKey, long> MergedInto { get; } = [];

    public List<SubjectKey> Missing { get; } = [];
}
