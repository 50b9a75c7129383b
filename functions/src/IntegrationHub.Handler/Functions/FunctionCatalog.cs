namespace IntegrationHub.Handler.Functions;

/// <summary>
/// Reads the function folders beside <c>host.json</c>. The same files drive the Azure Functions host and the
/// standalone app (routes and timer schedules), so the two cannot drift apart.
/// </summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDefinition> byName;

    public FunctionCatalog(string root, IEnumerable<FunctionDefinition> functions)
    {
        Root = root;
        byName = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Root { get; }

    public IReadOnlyCollection<FunctionDefinition> Functions => byName.Values;

    public bool TryGet(string name, out FunctionDefinition definition) => byName.TryGetValue(name, out definition!);

    public static FunctionCatalog Load(string root)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, "function.json");
            if (File.Exists(file))
            {
                functions.Add(Parse(Path.GetFileName(directory), File.ReadAllText(file)));
            }
        }

        return new FunctionCatalog(root, functions);
    }

    /// <summary>Finds the folder holding <c>host.json</c>: configured, or the nearest one above the app or the working directory.</summary>
    public static string LocateRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "host.json")))
                {
                    return directory.FullName;
                }

                if (File.Exists(Path.Combine(directory.FullName, "functions", "host.json")))
                {
                    return Path.Combine(directory.FullName, "functions");
                }
            }
        }

        throw new InvalidOperationException(
            "No functions folder (host.json) was found above the app or the working directory; set Hub:FunctionsRoot.");
    }

    public static FunctionDefinition Parse(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
        {
            var type = binding.GetProperty("type").GetString();
            var bindingName = binding.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            switch (type)
            {
                case "httpTrigger":
                    var methods = binding.TryGetProperty("methods", out var m)
                        ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
                        : [];
                    var route = binding.TryGetProperty("route", out var r) ? r.GetString() : name;
                    return new FunctionDefinition(name, TriggerKind.Http, bindingName, route, methods, null, false, null);
                case "timerTrigger":
                    var runOnStartup = binding.TryGetProperty("runOnStartup", out var s) && s.GetBoolean();
                    return new FunctionDefinition(name, TriggerKind.Timer, bindingName, null, [],
                        binding.GetProperty("schedule").GetString(), runOnStartup, null);
                case "serviceBusTrigger":
                    var entity = binding.TryGetProperty("queueName", out var q) ? q.GetString()
                        : binding.TryGetProperty("topicName", out var t) ? t.GetString() : null;
                    return new FunctionDefinition(name, TriggerKind.ServiceBus, bindingName, null, [], null, false, entity);
            }
        }

        throw new InvalidOperationException($"Function '{name}' has no httpTrigger, timerTrigger or serviceBusTrigger binding.");
    }
}
