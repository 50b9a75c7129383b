using IntegrationHub.Flows.Policy.Catalogue;

namespace IntegrationHub.Handler.Api.Policy;

/// <summary><c>GET /api/policies</c> (any credential): the policy catalogue in use, each version as its file says, and why
/// the latest reload was refused, if it was.</summary>
public sealed class PoliciesFunction(CredentialStore credentials, PolicyCatalogueProvider catalogue) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => PolicyAccess.RunAsync(context, credentials, adminOnly: false, _ =>
    {
        var current = catalogue.Current;
        var body = new JsonObject
        {
            ["policies"] = new JsonArray([.. current.Documents.Select(d => (JsonNode)d.Document.DeepClone())]),
            ["refused"] = new JsonArray([.. catalogue.LastErrors.Select(e => (JsonNode)new JsonObject
            {
                ["file"] = e.File,
                ["path"] = e.Pointer,
                ["code"] = e.Code,
                ["message"] = e.Reason,
            })]),
        };
        return Task.FromResult<IResult>(TypedResults.Text(body.ToJsonString(), "application/json"));
    });
}
