using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Handler.Api.Json;

/// <summary>Reads the JSON body of an API request (subscriptions, acknowledgements, person actions) or refuses it with the
/// JSON Pointer of the place at fault.</summary>
/// <remarks>
/// System.Text.Json accepts, and fails on only later and outside any catch, several things a body must not carry:
/// duplicate member names (a <see cref="JsonObject"/> throws <see cref="ArgumentException"/> when first enumerated),
/// escapes of lone surrogates (<c>"\ud800"</c>) and invalid UTF-8 inside strings (both throw
/// <see cref="InvalidOperationException"/> when the string is read), and it hands on <c>"\u0000"</c>, which PostgreSQL
/// refuses to store. Each became a 500. So every string and member name is decoded and checked here, once, before an
/// endpoint sees the body: a duplicate name is <c>duplicate-key</c>, an undecodable string <c>encoding</c>, a control
/// character other than tab, line feed and carriage return (U+0000–U+001F, U+007F–U+009F) <c>control-character</c>; all
/// are 400 <c>json</c> with one error naming the place. Values are never echoed, only where they are.
/// </remarks>
public static class JsonBody
{
    /// <summary>The largest body read (the API's bodies are a few hundred bytes): 413 <c>too-large</c> beyond it.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    /// <summary>The body as a node (null for the JSON literal <c>null</c>).</summary>
    public static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        var body = await ReadBytesAsync(context);
        Check(body);
        return JsonNode.Parse(body, documentOptions: DocumentOptions);
    }

    /// <summary>The body bound to <typeparamref name="T"/> (web defaults); a value of the wrong type is refused with its pointer.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context)
    {
        var body = await ReadBytesAsync(context);
        Check(body);
        try
        {
            return JsonSerializer.Deserialize<T>(body, SerializerOptions);
        }
        catch (JsonException e)
        {
            throw Refusal("type", JsonPathPointer.From(e.Path), "This value is not of the type expected here.");
        }
    }

    /// <summary>Refuses what <see cref="JsonBody"/> describes; returns when the body may be parsed.</summary>
    public static void Check(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var open = new Stack<Container>();
        var at = "";
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var owner = open.Peek();
                        var name = Decode(ref reader, owner.Pointer, "A member name in this object");
                        at = owner.Pointer + "/" + ReportText.PointerSegment(name);
                        if (!owner.Names!.Add(name))
                        {
                            throw Refusal("duplicate-key", at, "This member is given twice in its object; give each member once.");
                        }

                        owner.Member = at;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        at = Next(open);
                        open.Push(new Container(at, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.String:
                        at = Next(open);
                        Decode(ref reader, at, "This string");
                        break;
                    default:
                        at = Next(open);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var line = ((e.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            var position = ((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            throw Refusal("syntax", at, $"The body is not JSON: it breaks off or goes wrong at line {line}, byte {position}.");
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new JsonBodyException(413, "too-large",
                    new FieldError("", "too-large", $"The body is larger than {MaxBytes / 1024} KiB."));
            }

            buffer.Write(chunk, 0, read);
        }

        // A UTF-8 byte order mark is tolerated, as the stream parser used before this reader tolerated it.
        var bytes = buffer.ToArray();
        return bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
    }

    /// <summary>The pointer of the value just read: the member named last in an object, the next index in an array.</summary>
    private static string Next(Stack<Container> open)
    {
        if (open.Count == 0)
        {
            return "";
        }

        var container = open.Peek();
        return container.Names is null
            ? container.Pointer + "/" + (container.Count++).ToString(CultureInfo.InvariantCulture)
            : container.Member;
    }

    private static string Decode(ref Utf8JsonReader reader, string pointer, string what)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Refusal("encoding", pointer, $"{what} is not valid text: invalid UTF-8, or a lone surrogate escape such as \\ud800.");
        }

        if (ForbiddenCharacters.First(text) is { } c)
        {
            throw char.IsSurrogate(c)
                ? Refusal("encoding", pointer, $"{what} holds a lone surrogate (U+{(int)c:X4}).")
                : Refusal("control-character", pointer, $"{what} holds the control character U+{(int)c:X4}; remove it.");
        }

        return text;
    }

    private static JsonBodyException Refusal(string code, string pointer, string message) =>
        new(400, "json", new FieldError(pointer, code, message));

    private sealed class Container(string pointer, bool array)
    {
        public string Pointer { get; } = pointer;

        /// <summary>The member names seen so far; null for an array.</summary>
        public HashSet<string>? Names { get; } = array ? null : new HashSet<string>(StringComparer.Ordinal);

        public string Member { get; set; } = pointer;

        public int Count { get; set; }
    }
}
