using IntegrationHub.Intake.Published;

namespace IntegrationHub.Identity;

/// <summary>
/// Builds the golden record: each attribute keeps the value of the most authoritative source that has it, and says
/// which source record that was. Public security is the authority on who a person is, education on schooling, HR on
/// its registrations; the others fill gaps. Among equals the later record wins (a correction replaces what it corrects).
/// </summary>
public static class Survivorship
{
    private static readonly Dictionary<string, string[]> Authority = new(StringComparer.Ordinal)
    {
        ["ps"] = ["name", "formerNames", "birthDate", "gender", "ethnicity", "hukouRegion", "hukouAddress", "householdNumber"],
        ["edu"] = ["schoolCode", "schoolName", "majorCode", "majorName", "educationLevel", "graduationDate"],
        ["hr"] = ["registrationRegion", "difficultyCategory"],
    };

    private static readonly HashSet<string> Attributes =
    [
        "name", "formerNames", "birthDate", "gender", "ethnicity", "hukouRegion", "hukouAddress", "householdNumber", "phone",
        "schoolCode", "schoolName", "majorCode", "majorName", "educationLevel", "graduationDate", "registrationRegion",
        "difficultyCategory",
    ];

    /// <summary>Folds one linked record into a golden record; returns whether anything changed.</summary>
    public static bool Apply(JsonObject golden, StoredRecord record)
    {
        var changed = false;
        foreach (var (attribute, value) in record.Payload)
        {
            if (value is null || !Attributes.Contains(attribute))
            {
                continue;
            }

            var rank = Authority.TryGetValue(record.Department, out var owned) && owned.Contains(attribute) ? 1 : 2;
            if (golden[attribute] is JsonObject current
                && (current["rank"]?.GetValue<int>() < rank
                    || (current["rank"]?.GetValue<int>() == rank && JsonNode.DeepEquals(current["value"], value))))
            {
                // A less authoritative source, or the same value again: the first source that said it stays its lineage.
                continue;
            }

            golden[attribute] = new JsonObject
            {
                ["value"] = value.DeepClone(),
                ["rank"] = rank,
                ["source"] = new JsonObject
                {
                    ["department"] = record.Department,
                    ["feed"] = record.Feed,
                    ["recordId"] = record.RecordId,
                    ["version"] = record.Version,
                },
            };
            changed = true;
        }

        return changed;
    }

    public static string? Value(JsonObject golden, string attribute) => golden[attribute]?["value"]?.GetValue<string>();
}
