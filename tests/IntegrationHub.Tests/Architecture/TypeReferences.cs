using System.Reflection.Emit;

namespace IntegrationHub.Tests.Architecture;

/// <summary>Every type a type refers to: in its signatures, its base types and the IL of its methods.</summary>
/// <remarks>
/// Compiler-generated nested types (lambdas, async state machines) are read with the type that declares them, so a
/// reference made inside a lambda counts as the declaring type's. The IL is walked with the operand sizes of
/// <see cref="OpCodes"/>; every token operand is resolved in the method's module.
/// </remarks>
internal static class TypeReferences
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static
                                            | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(c => c.Value);

    public static HashSet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Collect(type, found);
        foreach (var nested in type.GetNestedTypes(Everything))
        {
            found.UnionWith(Of(nested));
        }

        return found;
    }

    private static void Collect(Type type, HashSet<Type> found)
    {
        Add(type.BaseType, found);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract, found);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType, found);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType, found);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType, found);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType, found);
            }

            ReadBody(method, found);
        }
    }

    private static void ReadBody(MethodBase method, HashSet<Type> found)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(local.LocalType, found);
        }

        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = Codes[value];
            var size = OperandSize(code.OperandType, il, position);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                Resolve(method.Module, BitConverter.ToInt32(il, position), typeArguments, methodArguments, found);
            }

            position += size;
        }
    }

    private static void Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments, HashSet<Type> found)
    {
        try
        {
            switch (module.ResolveMember(token, typeArguments, methodArguments))
            {
                case Type type:
                    Add(type, found);
                    break;
                case MethodBase member:
                    Add(member.DeclaringType, found);
                    if (member is MethodInfo { IsGenericMethod: true } generic)
                    {
                        foreach (var argument in generic.GetGenericArguments())
                        {
                            Add(argument, found);
                        }
                    }

                    break;
                case FieldInfo field:
                    Add(field.DeclaringType, found);
                    break;
            }
        }
        catch (ArgumentException)
        {
            // A token of a generic context this walk does not carry: nothing of the project's own is behind it.
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    private static void Add(Type? type, HashSet<Type> found)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(type.GetElementType(), found);
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(argument, found);
            }

            type = type.GetGenericTypeDefinition();
        }

        if (!type.IsGenericParameter)
        {
            found.Add(type);
        }
    }
}
