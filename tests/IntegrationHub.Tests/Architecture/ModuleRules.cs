namespace IntegrationHub.Tests.Architecture;

/// <summary>The modules of an assembly, in the order they may depend on each other, and the references that break it.</summary>
/// <remarks>
/// A module is the first namespace segment under <see cref="Root"/>. A type may use types of its own module freely, and of
/// a module earlier in <see cref="Layers"/> only through that module's public face (public types); a module in a later
/// layer it may not use at all. Modules in the same layer (the flows) may not use each other. A namespace named in
/// <see cref="Groups"/> is a folder of modules: each of its children is a module of its own (<c>Flows.Graduates</c>).
/// </remarks>
internal sealed class ModuleRules(string root, IReadOnlyList<string[]> layers, params string[] groups)
{
    public string Root { get; } = root;

    public IReadOnlyList<string> Groups { get; } = groups;

    public IReadOnlyList<string[]> Layers { get; } = layers;

    public IReadOnlyList<string> Violations(Assembly assembly)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(t => !t.IsNested && ModuleOf(t) is not null))
        {
            var module = ModuleOf(type)!;
            foreach (var used in TypeReferences.Of(type).Where(u => u.Assembly == assembly))
            {
                if (ModuleOf(used) is not { } other || other == module)
                {
                    continue;
                }

                if (!MayUse(module, other))
                {
                    violations.Add($"{Name(type)} uses {Name(used)}: {module} may not depend on {other}");
                }
                else if (!IsPublicFace(used))
                {
                    violations.Add($"{Name(type)} uses {Name(used)}, which is internal to {other}");
                }
            }
        }

        return [.. violations];
    }

    public string? ModuleOf(Type type) => ModuleOf((type.IsNested ? Outermost(type) : type).Namespace);

    /// <summary>The module a namespace (or a name qualified by it) belongs to; null outside <see cref="Root"/>.</summary>
    public string? ModuleOf(string? name)
    {
        if (name is null || !name.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = name[(Root.Length + 1)..].Split('.');
        return segments.Length > 1 && Groups.Contains(segments[0]) ? $"{segments[0]}.{segments[1]}" : segments[0];
    }

    /// <summary>Whether <paramref name="module"/> may name <paramref name="other"/> at all: itself, or a module of an
    /// earlier layer.</summary>
    public bool MayUse(string module, string other) =>
        module == other || (Layer(other) is { } otherLayer && Layer(module) is { } layer && otherLayer < layer);

    private int? Layer(string module)
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            if (Layers[i].Contains(module))
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsPublicFace(Type type)
    {
        for (var current = type; current is not null; current = current.DeclaringType)
        {
            if (!(current.IsPublic || current.IsNestedPublic))
            {
                return false;
            }
        }

        return true;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string Name(Type type) => (type.FullName ?? type.Name).Split('`')[0];
}
