using Microsoft.AspNetCore.Http.Json;

namespace IntegrationHub.Handler.Api.Graduates;

/// <summary>The answer of a graduate read that lists items: NDJSON, one item a line written as it is read, when the client
/// accepts <c>application/x-ndjson</c> or asks <c>format=ndjson</c>; otherwise one JSON document around all of them.</summary>
public sealed class GraduateListAnswer(IOptions<JsonOptions> json)
{
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>Answers <paramref name="items"/>, enumerated once; <paramref name="document"/> wraps them all for JSON.</summary>
    public async Task<IResult> AnswerAsync<TItem, TDocument>(HttpContext context, IAsyncEnumerable<TItem> items,
        Func<IReadOnlyList<TItem>, TDocument> document)
    {
        var options = json.Value.SerializerOptions;
        if (context.Request.Query["format"] == "ndjson"
            || context.Request.Headers.Accept.ToString().Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Stream(async stream =>
            {
                await foreach (var item in items.WithCancellation(context.RequestAborted))
                {
                    await JsonSerializer.SerializeAsync(stream, item, options, context.RequestAborted);
                    await stream.WriteAsync(NewLine, context.RequestAborted);
                }
            }, "application/x-ndjson");
        }

        var all = new List<TItem>();
        await foreach (var item in items.WithCancellation(context.RequestAborted))
        {
            all.Add(item);
        }

        return TypedResults.Json(document(all));
    }
}
