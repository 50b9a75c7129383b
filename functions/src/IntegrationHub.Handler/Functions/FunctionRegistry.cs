namespace IntegrationHub.Handler.Functions;

/// <summary>Maps function names to the types that implement them; checked against the catalog at start-up.</summary>
public sealed class FunctionRegistry
{
    private readonly Dictionary<string, Type> implementations = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, Type> Implementations => implementations;

    public void Add(string name, Type implementation) => implementations[name] = implementation;

    public void EnsureMatches(FunctionCatalog catalog)
    {
        var missing = catalog.Functions.Where(f => !implementations.ContainsKey(f.Name)).Select(f => f.Name).ToList();
        var undeclared = implementations.Keys.Where(n => !catalog.TryGet(n, out _)).ToList();
        if (missing.Count > 0 || undeclared.Count > 0)
        {
            throw new InvalidOperationException(
                $"Functions in {catalog.Root} and the handler disagree. Declared without implementation: [{string.Join(", ", missing)}]; " +
                $"implemented without function.json: [{string.Join(", ", undeclared)}].");
        }

        foreach (var function in catalog.Functions)
        {
            var type = implementations[function.Name];
            var expected = function.Trigger switch
            {
                TriggerKind.Http => typeof(IHttpFunction),
                TriggerKind.Timer => typeof(ITimerFunction),
                _ => typeof(IQueueFunction),
            };
            if (!expected.IsAssignableFrom(type))
            {
                throw new InvalidOperationException($"Function '{function.Name}' is a {function.Trigger} trigger but {type.Name} is not an {expected.Name}.");
            }
        }
    }
}
