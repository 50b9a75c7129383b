using IntegrationHub.Flows.Policy.Rules;
using IntegrationHub.Intake.Rules;
using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>
/// Reads the policy files of a folder (<c>*.json</c> beside <c>policy.schema.json</c>) and checks them: JSON syntax, the
/// schema, the rule (facts and types), dates, regions that exist (GB/T 2260) and versions of one policy that overlap.
/// Either every file is good and a catalogue results, or nothing does and every problem is named.
/// </summary>
public static class PolicyLoader
{
    public const string SchemaFileName = "policy.schema.json";

    public static async Task<(PolicyCatalogue? Catalogue, IReadOnlyList<PolicyLoadError> Errors)> LoadAsync(string directory,
        AreaCodes areas,
        CancellationToken cancellationToken)
    {
        var schemaPath = Path.Combine(directory, SchemaFileName);
        if (!File.Exists(schemaPath))
        {
            return (null, [new PolicyLoadError(schemaPath, "", "missing-schema", "The policy folder has no policy.schema.json.")]);
        }

        var schema = await SchemaValidator.LoadAsync(schemaPath, cancellationToken);
        var errors = new List<PolicyLoadError>();
        var documents = new List<PolicyDocument>();
        foreach (var path in Directory.EnumerateFiles(directory,
            "*.json").Where(p => Path.GetFileName(p) != SchemaFileName).Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            if (Read(Path.GetFileName(path), text, schema, areas, errors) is { } document)
            {
                documents.Add(document);
            }
        }

        CheckVersions(documents, errors);
        return errors.Count > 0 ? (null, errors) : (new PolicyCatalogue(documents), []);
    }

    /// <summary>One policy document (a file or a simulation's body); null with <paramref name="errors"/> added when it is
    /// not a good one.</summary>
    public static PolicyDocument? Read(string file, string text, SchemaValidator schema, AreaCodes areas, List<PolicyLoadError> errors)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            errors.Add(new PolicyLoadError(file, "", "json-syntax",
                $"Not JSON at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}: {exception.Message.Split(" Path:")[0]}"));
            return null;
        }

        using (parsed)
        {
            var found = new List<FieldError>();
            schema.Validate(parsed.RootElement, "", found);
            if (found.Count > 0)
            {
                errors.AddRange(found.Select(e => new PolicyLoadError(file, e.Path, "schema-" + e.Code, e.Message)));
                return null;
            }

            var root = JsonNode.Parse(parsed.RootElement.GetRawText())!.AsObject();
            var subject = root["subject"]!.GetValue<string>() == "employer" ? PolicySubject.Employer : PolicySubject.Person;
            var rule = RuleParser.Parse(root["rule"], "/rule",
                subject == PolicySubject.Employer ? FactScope.Employer : FactScope.Person, found);
            var from = Date(root["effectiveFrom"]);
            var to = root["effectiveTo"] is { } end ? Date(end) : null;
            if (from is null)
            {
                found.Add(new FieldError("/effectiveFrom", "invalid-date", "effectiveFrom is not a calendar date (YYYY-MM-DD)."));
            }

            if (root["effectiveTo"] is not null && to is null)
            {
                found.Add(new FieldError("/effectiveTo", "invalid-date", "effectiveTo is not a calendar date (YYYY-MM-DD)."));
            }
            else if (to < from)
            {
                found.Add(new FieldError("/effectiveTo", "invalid-period", "effectiveTo is before effectiveFrom."));
            }

            if (root["cap"]?["per"]?.GetValue<string>() == PolicyCap.PerEmployee && subject != PolicySubject.Employer)
            {
                found.Add(new FieldError("/cap/per", "invalid-cap", "A cap per employee is for employer policies only."));
            }

            var regions = root["regions"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            for (var i = 0; i < regions.Count; i++)
            {
                if (RegionProblem(regions[i], areas) is { } problem)
                {
                    found.Add(new FieldError($"/regions/{i}", "unknown-region", problem));
                }
            }

            errors.AddRange(found.Select(e => new PolicyLoadError(file, e.Path, e.Code, e.Message)));
            if (found.Count > 0)
            {
                return null;
            }

            var cap = root["cap"] is JsonObject c ? new PolicyCap(c["months"]!.GetValue<int>(),
                c["monthCounts"]!.GetValue<string>(), c["per"]?.GetValue<string>() ?? PolicyCap.PerSubject) : null;
            return new PolicyDocument(root["id"]!.GetValue<string>(), root["version"]!.GetValue<int>(), subject, regions, from!.Value,
                to, cap,
                rule!, root, file);
        }
    }

    /// <summary>Why a region prefix names no division (null when it does): two, four or six digits whose division, padded
    /// with zeros, is in use in GB/T 2260.</summary>
    private static string? RegionProblem(string prefix, AreaCodes areas)
    {
        if (!areas.IsAvailable)
        {
            return null;
        }

        var code = prefix.PadRight(6, '0');
        return areas.Lookup(code).Status == AreaCodeStatus.Current
            ? null
            : $"'{prefix}' is not the prefix of a division in use in GB/T 2260 ({code} is {areas.Lookup(code).Status.ToString().ToLowerInvariant()}).";
    }

    /// <summary>Two files with one id and version, or two versions of one policy in effect on the same day, are refused.</summary>
    private static void CheckVersions(List<PolicyDocument> documents, List<PolicyLoadError> errors)
    {
        foreach (var group in documents.GroupBy(d => d.Id, StringComparer.Ordinal))
        {
            var versions = group.OrderBy(d => d.Version).ThenBy(d => d.File, StringComparer.Ordinal).ToList();
            for (var i = 0; i < versions.Count; i++)
            {
                for (var j = i + 1; j < versions.Count; j++)
                {
                    var (a, b) = (versions[i], versions[j]);
                    if (a.Version == b.Version)
                    {
                        errors.Add(new PolicyLoadError(b.File, "/version", "duplicate-version",
                            $"{a.File} already holds version {a.Version} of '{a.Id}'."));
                    }
                    else if (a.Overlaps(b))
                    {
                        errors.Add(new PolicyLoadError(b.File, "/effectiveFrom", "overlapping-versions",
                            $"Version {b.Version} of '{b.Id}' is in effect on days version {a.Version} ({a.File}) also is; end one before the other begins."));
                    }
                }
            }
        }
    }

    private static DateOnly? Date(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String
        && DateOnly.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}
