using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Flows.Exchange.Rules;

/// <summary>The comparison rules, loaded from their folder and checked against <c>comparison-rule.schema.json</c>.</summary>
public sealed class RuleCatalog
{
    public const string SchemaFile = "comparison-rule.schema.json";

    private RuleCatalog(IReadOnlyList<ComparisonRule> rules) => Rules = rules;

    /// <summary>Every rule, enabled or not, by id.</summary>
    public IReadOnlyList<ComparisonRule> Rules { get; }

    public IEnumerable<ComparisonRule> Enabled => Rules.Where(r => r.Enabled);

    public ComparisonRule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);

    /// <summary>Loads every <c>*.json</c> of <paramref name="directory"/> but the schema; throws
    /// <see cref="RuleCatalogException"/> naming the first file at fault.</summary>
    public static async Task<RuleCatalog> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var schemaPath = Path.Combine(directory, SchemaFile);
        if (!File.Exists(schemaPath))
        {
            throw new RuleCatalogException(schemaPath, "", "the rule schema is missing");
        }

        var validator = await SchemaValidator.LoadAsync(schemaPath, cancellationToken);
        var rules = new List<ComparisonRule>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Where(p => Path.GetFileName(p) != SchemaFile).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (JsonException exception)
            {
                throw new RuleCatalogException(name, "", $"not JSON: {exception.Message}");
            }

            using (document)
            {
                var errors = new List<FieldError>();
                validator.Validate(document.RootElement, "", errors);
                if (errors.Count > 0)
                {
                    throw new RuleCatalogException(name, errors[0].Path, errors[0].Message);
                }

                var rule = Read(document.RootElement);
                if (name != rule.Id + ".json")
                {
                    throw new RuleCatalogException(name, "/id", $"the id '{rule.Id}' must be the file's name");
                }

                rules.Add(rule);
            }
        }

        return new RuleCatalog(rules);
    }

    /// <summary>The <c>contracts/comparison-rules</c> folder: the one configured, else the first found above the app.</summary>
    public static string LocateDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "contracts", "comparison-rules");
            if (File.Exists(Path.Combine(candidate, SchemaFile)))
            {
                return candidate;
            }
        }

        throw new RuleCatalogException("contracts/comparison-rules", "", "no rule folder was found above the app; set DepartmentExchange:RulesDirectory");
    }

    private static ComparisonRule Read(JsonElement rule)
    {
        static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var array) ? [.. array.EnumerateArray().Select(e => e.GetString()!)] : [];

        var parameters = rule.GetProperty("parameters");
        return new ComparisonRule(
            rule.GetProperty("id").GetString()!,
            rule.GetProperty("title").GetString()!,
            Strings(rule, "departments"),
            rule.GetProperty("kind").GetString()!,
            rule.GetProperty("legalBasis").GetString()!,
            [.. rule.GetProperty("evidence").EnumerateArray()
                .Select(e => new RuleEvidence(e.GetProperty("department").GetString()!, e.GetProperty("feed").GetString()!))],
            Strings(rule, "mayShow"),
            new RuleParameters(
                parameters.TryGetProperty("consecutiveMonths", out var months) ? months.GetInt32() : 1,
                Strings(parameters, "incomeBands"),
                parameters.TryGetProperty("incomeTypes", out _) ? Strings(parameters, "incomeTypes") : ["wages"],
                parameters.TryGetProperty("assistanceTypes", out _) ? Strings(parameters, "assistanceTypes") : ["minimum-living"],
                !parameters.TryGetProperty("employerInsurance", out var insurance) || insurance.GetBoolean(),
                parameters.TryGetProperty("verificationStatuses", out _) ? Strings(parameters, "verificationStatuses") : ["contradicted"]),
            !rule.TryGetProperty("enabled", out var enabled) || enabled.GetBoolean());
    }
}
