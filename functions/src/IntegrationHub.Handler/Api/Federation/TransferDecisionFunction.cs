using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>POST /api/transfers/{id}/decision</c> (admin, at the destination) <c>{"accept": bool, "reason"}</c>: decides a
/// received transfer; the relay then sends the signed decision to the origin. The answer is the transfer as
/// <see cref="TransferFunction"/> shows it.</summary>
public sealed class TransferDecisionFunction(CredentialStore credentials, TransferService transfers) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => ApiGate.RunAsync<TransferException>(context, credentials,
        principal => principal.IsAdmin, "Only an administrator may decide a transfer.", async principal =>
        {
            if (!Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id))
            {
                return ApiErrors.Create(404, "unknown-transfer", "No such transfer at this hub.");
            }

            var body = await JsonBody.ReadAsync<Decision>(context);
            if (body?.Accept is not { } accept)
            {
                return ApiErrors.Create(400, "required", "The body is {\"accept\": true|false, \"reason\"}.",
                    [new FieldError("/accept", "required", "a boolean")]);
            }

            return TypedResults.Json(await transfers.DecideAsync(id, accept, body.Reason, principal.Name, context.RequestAborted));
        }, TransferStatusCodes.Refusal);

    private sealed record Decision(bool? Accept, string? Reason);
}
