using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Architecture;

/// <summary>The module names a source file writes (its <c>using</c> directives and fully qualified names) that its own
/// module may not use.</summary>
/// <remarks>
/// The compiled check (<see cref="ModuleRules.Violations"/>) cannot see a constant of another module: the compiler copies
/// its value into the caller and leaves no reference behind. A file that names the namespace is caught here instead. A
/// project-wide <c>&lt;Using&gt;</c> item reaches every file, so it may name only the first layer.
/// </remarks>
internal static partial class SourceReferences
{
    public static IEnumerable<string> Violations(ModuleRules rules, string file, string text)
    {
        if (rules.ModuleOf(FileNamespace().Match(text) is { Success: true } declared ? declared.Groups[1].Value : null) is not { } module)
        {
            yield break;
        }

        var named = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match name in QualifiedName().Matches(FileNamespace().Replace(text, string.Empty)))
        {
            if (rules.ModuleOf(name.Value) is { } other && rules.Layers.Any(layer => layer.Contains(other)) && !rules.MayUse(module, other))
            {
                named.Add($"{file} names {name.Value}: {module} may not depend on {other}");
            }
        }

        foreach (var violation in named)
        {
            yield return violation;
        }
    }

    /// <summary>The project's <c>&lt;Using Include&gt;</c> items that name a module past the first layer.</summary>
    public static IEnumerable<string> ProjectViolations(ModuleRules rules, string project, string text) =>
        ProjectUsing().Matches(text)
            .Select(m => m.Groups[1].Value)
            .Where(name => rules.ModuleOf(name) is { } module && module != rules.Layers[0].Single())
            .Select(name => $"{project} gives every file {name}: only {rules.Layers[0].Single()} may be used everywhere");

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"(?<![\w.])IntegrationHub(\.\w+)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"<Using\s+Include=""([\w.]+)""")]
    private static partial Regex ProjectUsing();
}
