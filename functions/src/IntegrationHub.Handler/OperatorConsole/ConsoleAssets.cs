using System.Collections.Frozen;

namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>The console's stylesheet and script, embedded in the handler and served by it: nothing is fetched from elsewhere.</summary>
public static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, (string ContentType, string Text)> Files = new Dictionary<string, (string, string)>
    {
        ["console.css"] = ("text/css; charset=utf-8", Read("console.css")),
        ["console.js"] = ("text/javascript; charset=utf-8", Read("console.js")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IResult? Serve(string name) => Files.TryGetValue(name, out var file)
        ? Results.Text(file.Text, file.ContentType)
        : null;

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("OperatorConsole.Assets." + name)
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded in the handler.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
