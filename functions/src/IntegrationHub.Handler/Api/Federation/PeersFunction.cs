using IntegrationHub.Flows.Federation.Overview;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>GET /api/peers</c> (admin): this hub's region and each registered peer: its URL, whether it answers, its
/// circuit, the last message each way and the transfers with it not done yet.</summary>
public sealed class PeersFunction(CredentialStore credentials, PeerOverview overview) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => ApiGate.RunAsync(context, credentials, principal => principal.IsAdmin,
        "Only an administrator may read the peers.", async _ =>
        {
            var (region, peers) = await overview.ReadAsync(context.RequestAborted);
            return TypedResults.Json(new { region, peers });
        });
}
