using System.Text.Unicode;
using IntegrationHub.Intake.Reports;

namespace IntegrationHub.Intake.Validation;

/// <summary>Finds the text no field may hold: bytes that are not UTF-8, lone surrogates, control characters and duplicate keys.</summary>
/// <remarks>
/// These are refused before any other check because nothing downstream can hold them faithfully: PostgreSQL's text and
/// jsonb refuse U+0000, .NET throws when a lone surrogate or a malformed byte is read as a string, and a duplicate key
/// means the schema, the hub and PostgreSQL's jsonb (which keeps the last) could each see a different record. The check
/// walks every property name and string value; a record that has none of the suspicious bytes (a backslash-u escape,
/// DEL or a C1 lead byte) is proven clean of the first three by one vectorized scan, so only duplicates cost a walk.
/// The characters are <see cref="ForbiddenCharacters"/>'.
/// </remarks>
internal static class TextGuard
{
    public const string EncodingCode = "encoding";
    public const string ControlCode = "control-character";
    public const string DuplicateCode = "duplicate-key";

    /// <summary>The bytes of one record are UTF-8; when they are not, the error for the record as a whole.</summary>
    public static FieldError? CheckBytes(ReadOnlySpan<byte> raw, string pointer) => Utf8.IsValid(raw)
        ? null
        : new FieldError(pointer, EncodingCode, "the record is not valid UTF-8 text");

    /// <summary>Appends an error for each name or string of a record that no field may hold; <paramref name="raw"/> are its bytes.</summary>
    public static void Check(JsonElement element, ReadOnlySpan<byte> raw, string pointer, List<FieldError> errors)
    {
        var suspicious = raw.IndexOf("\\u"u8) >= 0 || raw.IndexOf((byte)0x7F) >= 0 || raw.IndexOf((byte)0xC2) >= 0;
        Walk(element, pointer, errors, suspicious, null);
    }

    /// <summary>Like <see cref="Check"/>, reading every string whatever the bytes.</summary>
    /// <param name="skip">A top-level property to leave out (the envelope's <c>records</c>, which are judged one by one).</param>
    public static void CheckAll(JsonElement element, string pointer, List<FieldError> errors, string? skip = null) =>
        Walk(element, pointer, errors, checkText: true, skip);

    private static void Walk(JsonElement element, string pointer, List<FieldError> errors, bool checkText, string? skip)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                List<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryName(property, out var name))
                    {
                        errors.Add(new FieldError(pointer, EncodingCode, "a field name is not valid Unicode text (a lone surrogate or a malformed byte)"));
                        continue;
                    }

                    var path = pointer + "/" + ReportText.PointerSegment(name);
                    if (checkText && ForbiddenCharacters.First(name) is { } badName)
                    {
                        errors.Add(new FieldError(path, ControlCode, $"the field name holds control character U+{(int)badName:X4}"));
                    }

                    seen ??= [];
                    if (seen.Contains(name))
                    {
                        errors.Add(new FieldError(path, DuplicateCode, "the field appears more than once in the same object"));
                    }
                    else
                    {
                        seen.Add(name);
                    }

                    if (skip is null || name != skip)
                    {
                        Walk(property.Value, path, errors, checkText, null);
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, pointer + "/" + index++, errors, checkText, null);
                }

                break;
            case JsonValueKind.String when checkText:
                if (!TryString(element, out var text))
                {
                    errors.Add(new FieldError(pointer, EncodingCode, "not valid Unicode text (a lone surrogate or a malformed byte)"));
                }
                else if (ForbiddenCharacters.First(text) is { } bad)
                {
                    errors.Add(new FieldError(pointer, ControlCode, $"holds control character U+{(int)bad:X4}"));
                }

                break;
        }
    }

    // System.Text.Json refuses to transcode a lone surrogate escape or malformed UTF-8 into a .NET string.
    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static bool TryString(JsonElement element, out string text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
