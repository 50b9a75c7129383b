using IntegrationHub.Intake.Validation;

namespace IntegrationHub.Flows.Graduates.Rules;

/// <summary>
/// Loads the graduate rules: the file <c>Graduates:RulesFile</c> names, or the defaults built in. The file is checked against
/// the rules' JSON Schema and then for what a schema cannot say (yellow at most green, a rating date that exists); any fault
/// refuses the start with the file, the JSON Pointer and the reason.
/// </summary>
public static class GraduateRulesLoader
{
    private const string DefaultName = "graduate-rules.default.json (built in)";

    private static readonly Lazy<SchemaValidator> Schema = new(() =>
        SchemaValidator.FromSchema(JsonSchema.FromJsonAsync(Resource("graduate-rules.schema.json")).GetAwaiter().GetResult()));

    private static readonly Lazy<GraduateRules> Defaults = new(() => Parse(Resource("graduate-rules.default.json"), DefaultName));

    public static GraduateRules Default => Defaults.Value;

    /// <summary>The rules in <paramref name="path"/>, or the defaults when it is null or empty.</summary>
    public static GraduateRules Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Default;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new GraduateRulesException(path, "", $"the file cannot be read ({exception.Message})");
        }

        return Parse(text, path);
    }

    public static GraduateRules Parse(string text, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new GraduateRulesException(file, "", $"not JSON ({exception.Message})");
        }

        using (document)
        {
            var errors = new List<FieldError>();
            Schema.Value.Validate(document.RootElement, "", errors);
            if (errors.Count > 0)
            {
                throw new GraduateRulesException(file, errors[0].Path, errors[0].Message);
            }

            var root = document.RootElement;
            var district = root.GetProperty("district");
            var rating = root.GetProperty("rating");
            var targets = root.GetProperty("targets");
            var export = root.GetProperty("verificationExport");
            var rules = new GraduateRules(
                new DistrictRule(district.GetProperty("source").GetString()!,
                    district.TryGetProperty("overrides", out var overrides)
                        ? [.. overrides.EnumerateArray().Select(o =>
                            new DistrictOverride(o.GetProperty("regionPrefix").GetString()!, o.GetProperty("district").GetString()!))]
                        : []),
                new Targets(targets.GetProperty("followUpRate").GetDouble(), targets.GetProperty("serviceRate").GetDouble(),
                    targets.GetProperty("placementRate").GetDouble()),
                new RatingRule(rating.GetProperty("green").GetDouble(), rating.GetProperty("yellow").GetDouble(),
                    rating.GetProperty("minimumGroupSize").GetInt32(), rating.GetProperty("ratingDate").GetString()!),
                new ExportRule(export.GetProperty("at").GetString()!, export.GetProperty("cohortsBack").GetInt32()));
            if (rules.Rating.Yellow > rules.Rating.Green)
            {
                throw new GraduateRulesException(file, "/rating/yellow", "the yellow threshold is above the green one");
            }

            // 02-29 exists in a leap year only; every cohort must have its rating date.
            if (!DateOnly.TryParseExact($"2027-{rules.Rating.RatingDate}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new GraduateRulesException(file, "/rating/ratingDate", "the day does not exist in every year");
            }

            return rules;
        }
    }

    private static string Resource(string name)
    {
        using var stream = typeof(GraduateRulesLoader).Assembly.GetManifestResourceStream("graduates/" + name)
            ?? throw new InvalidOperationException($"The resource graduates/{name} is missing from the library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
