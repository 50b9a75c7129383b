using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Status;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>POST /api/peers/{region}/status</c> (admin) <c>{"idNumber","purpose","legalBasis","fields"?}</c>: asks the
/// peer hub for a person's labor status; answers with the peer's verified reply.</summary>
/// <remarks>The identity number goes only in the bodies (this one and the signed one to the peer), never in a URL.</remarks>
public sealed class PeerStatusFunction(CredentialStore credentials, StatusAsker asker) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => ApiGate.RunAsync(context, credentials, principal => principal.IsAdmin,
        "Only an administrator may ask a peer hub.", async principal =>
        {
            var region = context.Request.RouteValues["region"]?.ToString() ?? "";
            if (!asker.Knows(region))
            {
                return ApiErrors.Create(404, "unknown-peer", $"{region} is not a registered peer.");
            }

            StatusQuestion question;
            try
            {
                var json = await JsonBody.ReadAsync(context);
                question = StatusQuestion.Parse(Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null"));
            }
            catch (PeerRefusalException refusal)
            {
                return ApiErrors.Create(400, refusal.Code, refusal.Message, refusal.Errors);
            }

            try
            {
                var reply = await asker.AskAsync(region, question, principal.Name, context.RequestAborted);
                if (!reply.Verified)
                {
                    var refused = ReadRefusal(reply.Body);
                    return ApiErrors.Create(502, "peer-refused",
                        $"The peer answered {reply.Status} {(string?)refused?["code"]}: {(string?)refused?["message"]}");
                }

                return TypedResults.Bytes(reply.Body, "application/json");
            }
            catch (PeerUnavailableException down)
            {
                return ApiErrors.Create(503, "peer-unavailable", down.Message);
            }
            catch (PeerRefusalException badReply)
            {
                return ApiErrors.Create(502, badReply.Code, "The peer's reply was refused: " + badReply.Message);
            }
        });

    private static JsonObject? ReadRefusal(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
