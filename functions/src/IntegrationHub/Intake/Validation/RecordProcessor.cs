using IntegrationHub.Intake.Reports;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Intake.Validation;

/// <summary>
/// Validates one record against its schema, then the national rules, normalizes it and protects its identity numbers.
/// Stateless and thread-safe: the intake pipeline runs it on many records at once.
/// </summary>
public sealed class RecordProcessor(ReferenceData reference, IdentityProtector protector, IReadOnlySet<string> creditCodeExceptions)
{
    public ProcessedRecord Process(SchemaValidator schema, ReadOnlySpan<byte> raw, int line, string pointer, DateOnly today)
    {
        var lineHash = SHA256.HashData(raw);
        if (TextGuard.CheckBytes(raw, pointer) is { } encoding)
        {
            return Reject(raw, line, null, lineHash, [encoding]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw.ToArray());
        }
        catch (JsonException exception)
        {
            // The parser's message names a position and a token, never the record's text.
            return Reject(raw, line, null, lineHash, [new FieldError(pointer, "json", $"not JSON: {exception.Message}")]);
        }

        using (document)
        {
            return Process(schema, document.RootElement, raw, line, pointer, today, lineHash);
        }
    }

    private ProcessedRecord Process(SchemaValidator schema, JsonElement record, ReadOnlySpan<byte> raw, int line, string pointer, DateOnly today,
        byte[] lineHash)
    {
        var errors = new List<FieldError>();
        TextGuard.Check(record, raw, pointer, errors);
        if (errors.Count > 0)
        {
            return Reject(raw, line, null, lineHash, errors);
        }

        var recordId = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("recordId", out var id)
                       && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
        schema.Validate(record, pointer, errors);
        if (errors.Count > 0)
        {
            return Reject(raw, line, recordId, lineHash, errors);
        }

        var warnings = new List<FieldError>();
        var buffer = new ArrayBufferWriter<byte>(raw.Length + 64);
        IdentityNumberCheck? idNumber = null;
        IdentityNumberCheck? formerId = null;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var property in record.EnumerateObject())
            {
                var path = pointer + "/" + ReportText.PointerSegment(property.Name);
                switch (property.Name)
                {
                    case "idNumber":
                        idNumber = CheckIdNumber(property.Value.GetString()!, path, today, errors, warnings);
                        break;
                    case "formerIdNumber":
                        formerId = CheckIdNumber(property.Value.GetString()!, path, today, errors, warnings);
                        break;
                    case "name":
                        writer.WriteString(property.Name, CheckName(property.Value.GetString()!, path, errors));
                        break;
                    case "formerNames":
                        writer.WriteStartArray(property.Name);
                        var index = 0;
                        foreach (var former in property.Value.EnumerateArray())
                        {
                            writer.WriteStringValue(CheckName(former.GetString()!, path + "/" + index++, errors));
                        }

                        writer.WriteEndArray();
                        break;
                    case "phone":
                        var phone = PhoneRules.Normalize(property.Value.GetString()!);
                        if (phone is null)
                        {
                            errors.Add(new FieldError(path, "phone", "not a mainland mobile number (11 digits starting 13-19)"));
                        }

                        writer.WriteString(property.Name, phone ?? "");
                        break;
                    case var other when other.EndsWith("Name", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String:
                        writer.WriteString(property.Name, CheckOrganizationName(property.Value.GetString()!, path, errors));
                        break;
                    default:
                        CheckByFieldKind(property, path, today, errors, warnings);
                        property.WriteTo(writer);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        if (record.TryGetProperty("birthDate", out var birth) && idNumber is { BirthDate: { } embedded }
            && DateRules.TryParseDate(birth.GetString()!, out var stated) && stated != embedded)
        {
            warnings.Add(new FieldError(pointer + "/birthDate", "birth-date-mismatch",
                "birthDate disagrees with the date embedded in idNumber"));
        }

        if (errors.Count > 0)
        {
            return Reject(raw, line, recordId, lineHash, errors);
        }

        var payload = buffer.WrittenSpan.ToArray();
        return new ProcessedRecord
        {
            Line = line,
            RecordId = recordId,
            Rejected = false,
            Problems = warnings,
            LineHash = lineHash,
            Payload = payload,
            ContentHash = ContentHash(payload, idNumber?.Value, formerId?.Value),
            IdNumberCipher = idNumber is null ? null : protector.Encrypt(idNumber.Value, ProtectionPurposes.IdNumber),
            IdNumberIndex = idNumber is null ? null : protector.BlindIndex(idNumber.Value),
            IdNumberValid = idNumber?.Valid,
            FormerIdCipher = formerId is null ? null : protector.Encrypt(formerId.Value, ProtectionPurposes.FormerIdNumber),
            FormerIdIndex = formerId is null ? null : protector.BlindIndex(formerId.Value),
        };
    }

    /// <summary>A record that could not be read at all (an NDJSON line that is not JSON, say).</summary>
    private ProcessedRecord Reject(ReadOnlySpan<byte> raw, int line, string? recordId, byte[] lineHash, IReadOnlyList<FieldError> errors) => new()
    {
        Line = line,
        RecordId = recordId,
        Rejected = true,
        Problems = errors,
        LineHash = lineHash,
        RawCipher = protector.Encrypt(Encoding.UTF8.GetString(raw), ProtectionPurposes.RawLine),
    };

    private IdentityNumberCheck CheckIdNumber(string raw, string path, DateOnly today, List<FieldError> errors, List<FieldError> warnings)
    {
        var check = IdentityNumber.Check(raw, reference.Areas, today);
        if (!check.WellFormed)
        {
            errors.Add(new FieldError(path, "id-format", "an identity number has 18 characters (17 digits and a digit or X) or 15 digits"));
            return check;
        }

        foreach (var finding in check.Findings)
        {
            warnings.Add(new FieldError(path, finding.Code, finding.Message));
        }

        return check;
    }

    private static string CheckName(string raw, string path, List<FieldError> errors)
    {
        var name = NameRules.Normalize(raw);
        if (name.Length == 0)
        {
            errors.Add(new FieldError(path, "name-empty", "the name is empty once spaces and invisible characters are removed"));
        }
        else if (name.EnumerateRunes().Count() > 50)
        {
            errors.Add(new FieldError(path, "too-long", "a name has at most 50 characters"));
        }

        return name;
    }

    /// <summary>An employer's, school's or other organization's name: invisible characters and surrounding spaces removed.</summary>
    private static string CheckOrganizationName(string raw, string path, List<FieldError> errors)
    {
        var name = NameRules.StripInvisible(raw).Trim();
        if (name.Length == 0)
        {
            errors.Add(new FieldError(path, "name-empty", "the name is empty once spaces and invisible characters are removed"));
        }

        return name;
    }

    private void CheckByFieldKind(JsonProperty property, string path, DateOnly today, List<FieldError> errors, List<FieldError> warnings)
    {
        var name = property.Name;
        if (property.Value.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var value = property.Value.GetString()!;
        if (name.EndsWith("CreditCode", StringComparison.Ordinal))
        {
            if (!CreditCode.IsValid(value, creditCodeExceptions))
            {
                errors.Add(new FieldError(path, "credit-code", "the unified social credit code's check character is wrong (GB 32100)"));
            }
        }
        else if (name.EndsWith("Region", StringComparison.Ordinal) && reference.Areas.IsAvailable)
        {
            var area = reference.Areas.Lookup(value);
            if (area.Status == AreaCodeStatus.Unknown)
            {
                errors.Add(new FieldError(path, "region-unknown", $"{value} is not a GB/T 2260 administrative division code"));
            }
            else if (area.Status == AreaCodeStatus.Retired)
            {
                warnings.Add(new FieldError(path, "region-retired",
                    area.Replacement is { } replacement ? $"{value} is retired; today's code is {replacement}" : $"{value} is retired"));
            }
        }
        else if (name.EndsWith("Date", StringComparison.Ordinal))
        {
            if (!DateRules.TryParseDate(value, out var date))
            {
                errors.Add(new FieldError(path, "date-invalid", $"'{value}' is not a real date (YYYY-MM-DD)"));
            }
            else if (name == "birthDate" && date > today)
            {
                errors.Add(new FieldError(path, "birth-date-future", "the birth date is in the future"));
            }
        }
        else if (name == "period" && !DateRules.TryParsePeriod(value, out _))
        {
            errors.Add(new FieldError(path, "date-invalid", $"'{value}' is not a period (YYYY-MM)"));
        }
    }

    private static byte[] ContentHash(byte[] payload, string? idNumber, string? formerId)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(payload);
        hash.AppendData("\0"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(idNumber ?? ""));
        hash.AppendData("\0"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(formerId ?? ""));
        return hash.GetHashAndReset();
    }
}
