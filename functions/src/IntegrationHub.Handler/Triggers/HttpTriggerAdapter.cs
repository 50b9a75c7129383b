using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Handler.Triggers;

/// <summary>
/// Turns the host's <c>Data.req</c> into an HttpContext, runs the same <see cref="IHttpFunction"/> the standalone route
/// runs, and turns the response it wrote back into <c>Outputs.res</c>.
/// </summary>
public static class HttpTriggerAdapter
{
    public static async Task<HttpOutput> InvokeAsync(IHttpFunction function, FunctionDefinition definition, JsonElement data,
        IServiceProvider services, CancellationToken cancellationToken)
    {
        if (data.ValueKind != JsonValueKind.Object || !EnvelopeJson.TryGet(data, definition.TriggerBindingName, out var request)
            || request.ValueKind != JsonValueKind.Object)
        {
            throw new InvocationException($"Data.{definition.TriggerBindingName} (the HTTP request) is missing or not an object.");
        }

        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
        var responseBody = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        FillRequest(context.Request, request);

        var result = await function.InvokeAsync(context);
        await result.ExecuteAsync(context);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Response.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        if (context.Response.ContentType is { } contentType)
        {
            headers["Content-Type"] = contentType;
        }

        return new HttpOutput(context.Response.StatusCode, headers, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    private static void FillRequest(HttpRequest target, JsonElement request)
    {
        target.Method = EnvelopeJson.TryGet(request, "Method", out var method) ? method.GetString() ?? "GET" : "GET";
        if (EnvelopeJson.TryGet(request, "Url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
        {
            target.Scheme = uri.Scheme;
            target.Host = new HostString(uri.Authority);
            target.Path = new PathString(Uri.UnescapeDataString(uri.AbsolutePath));
            target.QueryString = new QueryString(uri.Query);
        }

        if (target.QueryString.Value is null or "" && EnvelopeJson.TryGet(request, "Query", out var query))
        {
            target.QueryString = QueryString.Create(ReadPairs(query).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
        }

        if (EnvelopeJson.TryGet(request, "Headers", out var headers))
        {
            foreach (var (name, value) in ReadPairs(headers))
            {
                target.Headers[name] = value;
            }
        }

        if (EnvelopeJson.TryGet(request, "Params", out var parameters))
        {
            foreach (var (name, value) in ReadPairs(parameters))
            {
                target.RouteValues[name] = value.ToString();
            }
        }

        var body = EnvelopeJson.TryGet(request, "Body", out var b) ? b.ValueKind switch
        {
            JsonValueKind.String => b.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => b.GetRawText(),
        } : "";
        var bytes = Encoding.UTF8.GetBytes(body);
        target.Body = new MemoryStream(bytes);
        target.ContentLength = bytes.Length;
    }

    /// <summary>Reads an object of strings or string arrays; the host sends either shape, or the object JSON-encoded as a string.</summary>
    private static IEnumerable<KeyValuePair<string, StringValues>> ReadPairs(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                yield break;
            }

            using var nested = JsonDocument.Parse(text);
            foreach (var pair in ReadPairs(nested.RootElement.Clone()))
            {
                yield return pair;
            }

            yield break;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.Array => new StringValues(property.Value.EnumerateArray().Select(v => v.ToString()).ToArray()),
                JsonValueKind.String => new StringValues(property.Value.GetString()),
                _ => new StringValues(property.Value.GetRawText()),
            };
            yield return KeyValuePair.Create(property.Name, value);
        }
    }
}
