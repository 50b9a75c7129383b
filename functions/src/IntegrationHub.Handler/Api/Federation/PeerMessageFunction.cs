using IntegrationHub.Flows.Federation.Messaging;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary><c>POST /api/peer/{service}</c>: a peer hub's signed message (no bearer token: the signature is the credential);
/// the answer is the service's reply, signed, with the hash of the request it answers.</summary>
public sealed class PeerMessageFunction(PeerInbox inbox) : IHttpFunction
{
    /// <summary>The largest message read (a transfer package is a few kilobytes): 413 beyond it.</summary>
    private const int MaxBytes = 4 * 1024 * 1024;

    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (body is null)
        {
            return ApiErrors.Create(413, "too-large", $"A peer message is at most {MaxBytes} bytes.");
        }

        try
        {
            var service = context.Request.RouteValues["service"]?.ToString() ?? "";
            var reply = await inbox.ReceiveAsync(service, context.Request.Headers[PeerHeaders.Signature].FirstOrDefault(), body,
                context.RequestAborted);
            context.Response.Headers[PeerHeaders.Signature] = reply.Signature;
            return TypedResults.Bytes(reply.Body, "application/json");
        }
        catch (PeerRefusalException refusal)
        {
            return ApiErrors.Create(PeerStatusCodes.Of(refusal.Kind), refusal.Code, refusal.Message, refusal.Errors);
        }
    }

    private static async Task<byte[]?> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
