namespace IntegrationHub.Handler.Triggers;

/// <summary>
/// The Azure Functions custom-handler door: the host POSTs <c>{"Data":…,"Metadata":…}</c> to <c>/{FunctionName}</c>
/// and reads back <c>{"Outputs":…,"Logs":…,"ReturnValue":…}</c>.
/// </summary>
public static class InvocationEndpoint
{
    public static IEndpointRouteBuilder MapFunctionsHostProtocol(this IEndpointRouteBuilder app)
    {
        // The host checks the handler is up before it sends invocations.
        app.MapGet("/", () => TypedResults.Ok(new { status = "ready" }));
        app.MapPost("/{functionName}", InvokeAsync);
        return app;
    }

    private static async Task<IResult> InvokeAsync(string functionName, HttpContext context, FunctionCatalog catalog,
        FunctionRegistry registry, ILoggerFactory loggers, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        if (!catalog.TryGet(functionName, out var definition))
        {
            return Problem($"Unknown function '{functionName}'. Known: {string.Join(", ", catalog.Functions.Select(f => f.Name).Order())}.");
        }

        JsonDocument envelope;
        try
        {
            envelope = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return Problem($"The invocation body is not JSON: {exception.Message}");
        }

        using (envelope)
        {
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problem("The invocation body must be a JSON object with Data and Metadata.");
            }

            EnvelopeJson.TryGet(root, "Data", out var data);
            EnvelopeJson.TryGet(root, "Metadata", out var metadata);
            var implementation = context.RequestServices.GetRequiredService(registry.Implementations[definition.Name]);
            var logger = loggers.CreateLogger("IntegrationHub.Functions." + definition.Name);
            try
            {
                return definition.Trigger switch
                {
                    TriggerKind.Http => Reply(new Dictionary<string, object?>
                    {
                        ["res"] = await HttpTriggerAdapter.InvokeAsync((IHttpFunction)implementation, definition, data,
                            context.RequestServices, cancellationToken),
                    }, []),
                    TriggerKind.Timer => await RunTimerAsync((ITimerFunction)implementation, data, time, cancellationToken),
                    _ => await RunQueueAsync((IQueueFunction)implementation, definition, data, metadata, logger, cancellationToken),
                };
            }
            catch (InvocationException exception)
            {
                return Problem(exception.Message);
            }
        }
    }

    private static async Task<IResult> RunTimerAsync(ITimerFunction function, JsonElement data, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var pastDue = false;
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var binding in data.EnumerateObject())
            {
                pastDue |= binding.Value.ValueKind == JsonValueKind.Object
                    && EnvelopeJson.TryGet(binding.Value, "IsPastDue", out var p) && p.ValueKind is JsonValueKind.True;
            }
        }

        await function.RunAsync(new TimerInvocation(pastDue, time.GetUtcNow()), cancellationToken);
        return Reply(new Dictionary<string, object?>(), ["timer ran"]);
    }

    private static async Task<IResult> RunQueueAsync(IQueueFunction function, FunctionDefinition definition, JsonElement data,
        JsonElement metadata, ILogger logger, CancellationToken cancellationToken)
    {
        if (!EnvelopeJson.TryGet(data, definition.TriggerBindingName, out var body))
        {
            throw new InvocationException($"Data.{definition.TriggerBindingName} (the message) is missing.");
        }

        var text = body.ValueKind == JsonValueKind.String ? MetadataValue.Unquote(body.GetString()!) : body.GetRawText();
        var message = new QueueMessage(definition.QueueOrTopic ?? definition.Name, text, MetadataValue.GetString(metadata, "MessageId"),
            MetadataValue.GetInt32(metadata, "DeliveryCount") ?? 1, MetadataValue.GetString(metadata, "ContentType"),
            MetadataValue.GetString(metadata, "Subject") ?? MetadataValue.GetString(metadata, "Label"),
            MetadataValue.GetProperties(metadata, "ApplicationProperties") ?? MetadataValue.GetProperties(metadata, "UserProperties")
            ?? new Dictionary<string, string>());
        var outcome = await function.RunAsync(message, cancellationToken);
        if (outcome.Kind == QueueOutcomeKind.Transient)
        {
            logger.LogWarning("Message {MessageId} failed for a transient reason and will be redelivered: {Reason}",
                message.MessageId, outcome.Message);

            // A failed invocation makes the host abandon the message, so the broker delivers it again.
            return TypedResults.Json(new InvocationReply(new Dictionary<string, object?>(), [outcome.Message], null),
                statusCode: StatusCodes.Status500InternalServerError);
        }

        return Reply(new Dictionary<string, object?>(), [outcome.Message]);
    }

    private static IResult Reply(Dictionary<string, object?> outputs, IReadOnlyList<string> logs) =>
        TypedResults.Json(new InvocationReply(outputs, logs, null));

    private static IResult Problem(string message) =>
        TypedResults.Json(new { error = "invalid-invocation", message }, statusCode: StatusCodes.Status400BadRequest);
}
