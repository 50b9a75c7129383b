using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>POST /api/transfers</c> (admin) <c>{"personId","toRegion","reason","id"?}</c>: records a transfer of the person's
/// labor record to a peer hub; <c>202 {"id","status"}</c>, the relay sending it. The same <c>id</c> again answers the same
/// transfer.</summary>
public sealed class TransfersFunction(CredentialStore credentials, TransferService transfers) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => ApiGate.RunAsync<TransferException>(context, credentials,
        principal => principal.IsAdmin, "Only an administrator may transfer a labor record.", async principal =>
        {
            var body = await JsonBody.ReadAsync<TransferRequest>(context);
            if (body is null)
            {
                return ApiErrors.Create(400, "required", "The body is {\"personId\", \"toRegion\", \"reason\"}.",
                    [new FieldError("", "required", "a JSON object")]);
            }

            Guid? id = null;
            if (body.Id is not null)
            {
                id = Guid.TryParse(body.Id, out var parsed) ? parsed : null;
                if (id is null)
                {
                    return ApiErrors.Create(400, "format", "id is a UUID.", [new FieldError("/id", "format", "a UUID")]);
                }
            }

            var view = await transfers.RequestAsync(id, body.PersonId, body.ToRegion, body.Reason, "operator", principal.Name, context.RequestAborted);
            return TypedResults.Json(new { id = view.Id, status = view.Status }, statusCode: 202);
        }, TransferStatusCodes.Refusal);

    private sealed record TransferRequest(string? PersonId, string? ToRegion, string? Reason, string? Id);
}
