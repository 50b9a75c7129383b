using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>GET /api/transfers/{id}</c> (admin, optional <c>X-Purpose</c>): a transfer at this hub, where it stands, its
/// history and the graduate section of its package.</summary>
/// <remarks>The answer is the <see cref="TransferView"/> as the API's JSON options write it (camelCase).</remarks>
public sealed class TransferFunction(CredentialStore credentials, TransferService transfers) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => ApiGate.RunAsync(context, credentials, principal => principal.IsAdmin,
        "Only an administrator may read transfers.", async principal =>
        {
            if (!Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id)
                || await transfers.ReadAsync(id, principal.Name, context.Request.Headers["X-Purpose"].FirstOrDefault(),
                    context.RequestAborted) is not { } view)
            {
                return ApiErrors.Create(404, "unknown-transfer", "No such transfer at this hub.");
            }

            return TypedResults.Json(view);
        });
}
