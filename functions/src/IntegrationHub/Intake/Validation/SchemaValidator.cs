namespace IntegrationHub.Intake.Validation;

/// <summary>
/// A contract schema loaded and resolved by NJsonSchema, compiled once into a validator over System.Text.Json.
/// NJsonSchema's own validator re-parses every record with Newtonsoft and ignores draft-07 <c>if</c>/<c>then</c>;
/// compiling keeps intake fast and honours the conditional requirements. A keyword the compiler does not know fails
/// loading, so a schema can never be silently under-enforced; tests compare the results with NJsonSchema's.
/// </summary>
public sealed class SchemaValidator
{
    // Annotations change nothing about validity; anything else unknown must fail loading.
    private static readonly HashSet<string> KnownExtensionKeywords =
        ["if", "then", "else", "const", "$comment", "$id", "$schema", "examples", "default", "readOnly", "writeOnly", "deprecated"];

    private readonly SchemaNode root;

    private SchemaValidator(SchemaNode root, JsonSchema source)
    {
        this.root = root;
        Source = source;
    }

    public JsonSchema Source { get; }

    public static async Task<SchemaValidator> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var schema = await JsonSchema.FromFileAsync(path, cancellationToken);
        return new SchemaValidator(Compile(schema, path), schema);
    }

    public static SchemaValidator FromSchema(JsonSchema schema) => new(Compile(schema, schema.Title ?? "schema"), schema);

    /// <summary>Appends an error per violation, with JSON Pointers under <paramref name="pointer"/>.</summary>
    public void Validate(JsonElement instance, string pointer, List<FieldError> errors) => Check(root, instance, pointer, errors);

    private static SchemaNode Compile(JsonSchema schema, string where)
    {
        schema = schema.ActualSchema;
        if (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0 || schema.Not is not null)
        {
            throw new NotSupportedException($"{where}: oneOf, anyOf and not are not supported by the intake validator.");
        }

        var extensions = schema.ExtensionData ?? new Dictionary<string, object?>();
        foreach (var keyword in extensions.Keys)
        {
            if (!KnownExtensionKeywords.Contains(keyword))
            {
                throw new NotSupportedException($"{where}: keyword '{keyword}' is not supported by the intake validator.");
            }
        }

        var enumeration = schema.Enumeration.Count > 0
            ? schema.Enumeration.Select(v => JsonSerializer.SerializeToElement(v)).ToList()
            : extensions.TryGetValue("const", out var constant) ? [JsonSerializer.SerializeToElement(constant)] : null;

        var node = new SchemaNode
        {
            Type = schema.Type,
            AllowAdditionalProperties = schema.AllowAdditionalProperties,
            AdditionalProperties = schema.AdditionalPropertiesSchema is { } additional ? Compile(additional, where) : null,
            Enumeration = enumeration,
            Pattern = schema.Pattern is { } pattern ? EcmaPattern.Compile(pattern) : null,
            MinLength = schema.MinLength,
            MaxLength = schema.MaxLength,
            Minimum = schema.Minimum,
            Maximum = schema.Maximum,
            Items = schema.Item is { } item ? Compile(item, where) : null,
            MinItems = schema.MinItems > 0 ? schema.MinItems : null,
            MaxItems = schema.MaxItems > 0 ? schema.MaxItems : null,
            Format = schema.Format,
            PatternSource = schema.Pattern,
        };
        foreach (var (name, property) in schema.Properties)
        {
            node.Properties[name] = Compile(property, $"{where}#/properties/{name}");
        }

        node.Required.AddRange(schema.RequiredProperties);
        foreach (var part in schema.AllOf)
        {
            node.AllOf.Add(Compile(part, where));
        }

        if (AsSchema(extensions, "if") is { } ifSchema)
        {
            node.Conditionals.Add((Compile(ifSchema, where),
                AsSchema(extensions, "then") is { } thenSchema ? Compile(thenSchema, where) : null,
                AsSchema(extensions, "else") is { } elseSchema ? Compile(elseSchema, where) : null));
        }

        return node;
    }

    /// <summary>
    /// NJsonSchema keeps keywords it does not model (draft-07 if/then/else) as raw dictionaries when it reads a file;
    /// they are parsed into schemas here. Parsing an in-memory document does no I/O, so waiting on it cannot block.
    /// </summary>
    private static JsonSchema? AsSchema(IDictionary<string, object?> extensions, string keyword) =>
        extensions.TryGetValue(keyword, out var value) switch
        {
            false => null,
            true when value is JsonSchema schema => schema,
            true when value is not null => JsonSchema.FromJsonAsync(Newtonsoft.Json.JsonConvert.SerializeObject(value)).GetAwaiter().GetResult(),
            _ => null,
        };

    private static void Check(SchemaNode node, JsonElement value, string pointer, List<FieldError> errors)
    {
        if (node.Type != JsonObjectType.None && !HasType(node.Type, value))
        {
            errors.Add(new FieldError(pointer, "type", $"expected {Describe(node.Type)}, got {Kind(value)}"));
            return;
        }

        if (node.Enumeration is { } allowed && !allowed.Any(a => JsonElement.DeepEquals(a, value)))
        {
            var list = string.Join(", ", allowed.Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText()));
            errors.Add(new FieldError(pointer, "enum", $"{Show(value)} is not one of: {list}"));
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(node, value.GetString()!, pointer, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(node, value, pointer, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(node, value, pointer, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(node, value, pointer, errors);
                break;
        }

        foreach (var part in node.AllOf)
        {
            Check(part, value, pointer, errors);
        }

        foreach (var (condition, then, otherwise) in node.Conditionals)
        {
            var probe = new List<FieldError>();
            Check(condition, value, pointer, probe);
            if ((probe.Count == 0 ? then : otherwise) is { } branch)
            {
                Check(branch, value, pointer, errors);
            }
        }
    }

    private static void CheckString(SchemaNode node, string text, string pointer, List<FieldError> errors)
    {
        var length = CodePoints(text);
        if (node.MaxLength is { } max && length > max)
        {
            errors.Add(new FieldError(pointer, "too-long", $"longer than {max} characters"));
        }

        if (node.MinLength is { } min && length < min)
        {
            errors.Add(new FieldError(pointer, "too-short", $"shorter than {min} characters"));
        }

        if (node.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            errors.Add(new FieldError(pointer, "pattern", $"does not have the required form ({node.PatternSource})"));
        }

        if (node.Format == "date-time" && !DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new FieldError(pointer, "format", "not an RFC 3339 date-time with an offset"));
        }
    }

    private static void CheckNumber(SchemaNode node, JsonElement value, string pointer, List<FieldError> errors)
    {
        if (!value.TryGetDecimal(out var number))
        {
            return;
        }

        if ((node.Minimum is { } min && number < min) || (node.Maximum is { } max && number > max))
        {
            errors.Add(new FieldError(pointer, "range", $"{number} is outside {node.Minimum}..{node.Maximum}"));
        }
    }

    private static void CheckObject(SchemaNode node, JsonElement value, string pointer, List<FieldError> errors)
    {
        foreach (var name in node.Required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                errors.Add(new FieldError(pointer, "required", $"required field '{name}' is missing"));
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            var child = pointer + "/" + Reports.ReportText.PointerSegment(property.Name);
            if (node.Properties.TryGetValue(property.Name, out var schema))
            {
                Check(schema, property.Value, child, errors);
            }
            else if (node.AdditionalProperties is { } additional)
            {
                Check(additional, property.Value, child, errors);
            }
            else if (!node.AllowAdditionalProperties)
            {
                errors.Add(new FieldError(child, "unknown-field", Reports.ReportText.LooksLikeIdNumber(property.Name)
                    ? "unknown field (its name is withheld: it looks like an identity number)"
                    : $"unknown field '{property.Name}'"));
            }
        }
    }

    private static void CheckArray(SchemaNode node, JsonElement value, string pointer, List<FieldError> errors)
    {
        var count = value.GetArrayLength();
        if (node.MinItems is { } min && count < min)
        {
            errors.Add(new FieldError(pointer, "too-short", $"fewer than {min} items"));
        }

        if (node.MaxItems is { } max && count > max)
        {
            errors.Add(new FieldError(pointer, "too-long", $"more than {max} items"));
        }

        if (node.Items is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, pointer + "/" + index.ToString(CultureInfo.InvariantCulture), errors);
                index++;
            }
        }
    }

    private static bool HasType(JsonObjectType type, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => type.HasFlag(JsonObjectType.String),
        JsonValueKind.Number => type.HasFlag(JsonObjectType.Number)
                                || (type.HasFlag(JsonObjectType.Integer) && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonObjectType.Boolean),
        JsonValueKind.Object => type.HasFlag(JsonObjectType.Object),
        JsonValueKind.Array => type.HasFlag(JsonObjectType.Array),
        JsonValueKind.Null => type.HasFlag(JsonObjectType.Null),
        _ => false,
    };

    private static string Describe(JsonObjectType type) =>
        string.Join(" or ", Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && type.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant()));

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Show(JsonElement value)
    {
        // A report never repeats an identity number, even one sent in the wrong field.
        if (value.ValueKind == JsonValueKind.String && Reports.ReportText.LooksLikeIdNumber(value.GetString()!))
        {
            return "(value withheld: it looks like an identity number)";
        }

        var text = value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }

}
