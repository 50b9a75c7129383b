using IntegrationHub.Identity;
using IntegrationHub.Identity.Linking;
using IntegrationHub.Tests.Labor;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Handler.Api.Persons;

/// <summary>
/// A hub whose persons are made the way departments make them, by sending feeds: 李娜 (<see cref="Worker"/>) is known to
/// public security (household), tax (two months of wages) and hr (an unemployment registration carrying her phone); a
/// namesake born another day is known to tax alone. Requests go over real HTTP with a token and <c>X-Purpose</c>, and each
/// answer is kept for the OpenAPI check under the schema it must match.
/// </summary>
public sealed class PersonReadScenario : IAsyncDisposable
{
    public const string Purpose = "就业援助 case 2026-118: check registration";
    public const string Phone = "13800138000";

    public static readonly string Worker = IdNumber("19900315", 22);
    public static readonly string Namesake = IdNumber("19920101", 44);

    private PersonReadScenario(LaborScenario labor) => Labor = labor;

    public LaborScenario Labor { get; }

    public IntakeHarness Hub => Labor.Hub;

    public long WorkerPerson { get; private set; }

    public long NamesakePerson { get; private set; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<PersonReadScenario> StartAsync(string name)
    {
        var scenario = new PersonReadScenario(await LaborScenario.StartAsync(name));
        await scenario.Labor.SendAsync("ps", "household-registration", Household("ps-1", Worker, "500103-000777"));
        await scenario.Labor.SendAsync("tax", "wage-withholding", Tax("t-1", Worker, "2026-05"), Tax("t-2", Worker, "2026-06"),
            Tax("t-9", Namesake, "2026-06"));
        var registration = Registration("hr-1", Worker, "unemployment", "2026-10-08");
        registration["phone"] = Phone;
        await scenario.Labor.SendAsync("hr", "employment-registration", registration);
        await scenario.Labor.SettleAsync();
        scenario.WorkerPerson = await scenario.Labor.PersonOfAsync("ps-1");
        scenario.NamesakePerson = await scenario.Labor.PersonOfAsync("t-9");
        return scenario;
    }

    public string WorkerId => PersonId.Format(WorkerPerson);

    /// <summary>Sends a request as <paramref name="principal"/> (a department, <c>admin</c>, or null for no token) with the purpose
    /// (null: none), and keeps the answer under <paramref name="schema"/> (or <c>Error</c> when refused).</summary>
    public async Task<IntakeHarness.Response> SendAsync(HttpMethod method, string path, string? principal, string? body = null,
        string? purpose = Purpose, string? schema = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (principal is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Hub.Tokens[principal]);
        }

        if (purpose is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Purpose", Encoding.UTF8.GetBytes(purpose).Length == purpose.Length
                ? purpose : Uri.EscapeDataString(purpose));
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await IntakeHarness.Response.ReadAsync(await Hub.Server.Client.SendAsync(request, Token));
        if (response.Status >= 400)
        {
            ResponseCapture.Save("Error", response.Body);
        }
        else if (schema is not null)
        {
            ResponseCapture.Save(schema, response.Body);
        }

        return response;
    }

    public Task<IntakeHarness.Response> SearchAsync(string principal, JsonObject query, string? purpose = Purpose) =>
        SendAsync(HttpMethod.Post, "/api/persons/search", principal, query.ToJsonString(), purpose, "PersonSearchResult");

    /// <summary>The audit rows of one action: actor, purpose, subject and detail.</summary>
    public async Task<List<(string Actor, string Purpose, string? Subject, string Detail)>> AuditAsync(string action)
    {
        await using var command = Hub.DataSource.CreateCommand(
            "SELECT actor, purpose, subject, detail::text FROM audit_log WHERE action = @a ORDER BY seq");
        command.Parameters.AddWithValue("a", action);
        var rows = new List<(string, string, string?, string)>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Links what intake stored since (numbered records only), as the timer would.</summary>
    public Task LinkAsync() => Hub.Server.Services.GetRequiredService<DeterministicLinker>().LinkAllAsync(Token);

    public async ValueTask DisposeAsync() => await Labor.DisposeAsync();
}
