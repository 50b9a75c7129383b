using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>POST /api/transfers/{id}/decision</c> (admin, at the destination) <c>{"accept": bool, "reason"}</c>: decides a
/// received transfer; the relay then sends the signed decision to the origin.</summary>
public sealed class TransferDecisionFunction(CredentialStore credentials, TransferService transfers) : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var (principal, denied) = await BearerAuthentication.AdministratorAsync(context, credentials, "Only an administrator may decide a transfer.");
        if (principal is null)
        {
            return denied!;
        }

        if (!Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id))
        {
            return ApiErrors.Create(404, "unknown-transfer", "No such transfer at this hub.");
        }

        try
        {
            var body = await JsonBody.ReadAsync<Decision>(context);
            if (body?.Accept is not { } accept)
            {
                return ApiErrors.Create(400, "required", "The body is {\"accept\": true|false, \"reason\"}.",
                    [new FieldError("/accept", "required", "a boolean")]);
            }

            var view = await transfers.DecideAsync(id, accept, body.Reason, principal.Name, context.RequestAborted);
            return TypedResults.Json(TransferStatusCodes.Shape(view));
        }
        catch (JsonBodyException refusal)
        {
            return ApiErrors.Create(refusal.Status, refusal.Code, refusal.Message, [refusal.Error]);
        }
        catch (TransferException refusal)
        {
            return TransferStatusCodes.Refused(refusal);
        }
    }

    private sealed record Decision(bool? Accept, string? Reason);
}
