using IntegrationHub.Flows.Policy.Simulation;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary><c>POST /api/policies/simulate</c> (admin) with a policy document: how many subjects it would make eligible,
/// by district, with sample explanations; nothing is stored.</summary>
public sealed class PolicySimulateFunction(CredentialStore credentials, PolicySimulator simulator) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PolicyAccess.RunAsync(context, credentials, adminOnly: true, async _ =>
    {
        var body = await JsonBody.ReadAsync(context);
        var answer = await simulator.SimulateAsync(body?.ToJsonString() ?? "null", context.RequestAborted);
        return TypedResults.Text(answer.ToJsonString(), "application/json", Encoding.UTF8);
    });
}
