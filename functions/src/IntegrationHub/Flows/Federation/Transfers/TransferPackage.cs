using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Identity.Published;
using IntegrationHub.Labor.Graduates;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>
/// The signed transfer package: the golden record (values, without lineage), the labor facts with their periods, the
/// graduate ledger entries with their follow-up history (or null) and the lineage references of the records behind it, never the
/// departments' raw records. The identity number travels only in the signed body and is never stored in the package.
/// </summary>
internal static partial class TransferPackage
{
    /// <summary>The package of a person as it stands now, without the identity number.</summary>
    /// <remarks>The graduate facts travel in <c>graduate</c> (with the ledger status and follow-ups), not among <c>facts</c>.</remarks>
    public static async Task<JsonObject> BuildAsync(PersonDirectory persons, PersonFacts facts, GraduateFacts graduates,
        GraduateFollowUps followUps, long person, Guid id, string origin, string destination, string reason, DateOnly transferDate,
        DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var golden = await persons.ReadGoldenAsync(person, cancellationToken) ?? [];
        var values = new JsonObject();
        foreach (var (attribute, entry) in golden)
        {
            values[attribute] = entry?["value"]?.DeepClone();
        }

        var factList = new JsonArray();
        foreach (var fact in (await facts.ReadAsync(person, cancellationToken)).Where(f => f.Kind != GraduateKind))
        {
            factList.Add(new JsonObject
            {
                ["kind"] = fact.Kind, ["key"] = fact.Key, ["open"] = fact.Open, ["data"] = fact.Data.DeepClone(), ["sources"] = fact.Sources.DeepClone(),
            });
        }

        return new JsonObject
        {
            ["transferId"] = id.ToString(),
            ["origin"] = origin,
            ["destination"] = destination,
            ["reason"] = reason,
            ["transferDate"] = transferDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["requestedAt"] = requestedAt.ToString("O", CultureInfo.InvariantCulture),
            ["person"] = new JsonObject { ["golden"] = values },
            ["facts"] = factList,
            ["graduate"] = await TransferGraduate.BuildAsync(graduates, followUps, person, cancellationToken),
            ["lineage"] = await persons.ReadLineageAsync(person, cancellationToken),
        };
    }

    private const string GraduateKind = "graduate";

    /// <summary>The message body: the stored package with the identity number put in.</summary>
    public static byte[] ToBody(JsonObject package, string idNumber)
    {
        var body = package.DeepClone().AsObject();
        body["kind"] = "package";
        body["person"]!["idNumber"] = idNumber;
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>Reads a received package; the identity number apart. Refuses with the pointer of what is missing or wrong.</summary>
    public static (Guid Id, JsonObject Package, string IdNumber, DateOnly TransferDate, string Reason) Parse(JsonObject body, string sender,
        string receiver)
    {
        var id = Guid.TryParse((string?)Value(body, "/transferId"), out var parsed) ? parsed : throw Bad("/transferId", "a UUID");
        if ((string?)Value(body, "/origin") != sender)
        {
            throw Bad("/origin", "the sending hub's region");
        }

        if ((string?)Value(body, "/destination") != receiver)
        {
            throw Bad("/destination", "this hub's region");
        }

        var reason = Value(body, "/reason") is JsonValue r && r.TryGetValue<string>(out var text) && text.Length is > 0 and <= 500
            ? text
            : throw Bad("/reason", "a non-empty string");
        var date = DateOnly.TryParseExact((string?)Value(body, "/transferDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var day) ? day : throw Bad("/transferDate", "a date (yyyy-MM-dd)");
        if (body["person"] is not JsonObject person || person["golden"] is not JsonObject)
        {
            throw Bad("/person/golden", "an object of the person's attributes");
        }

        var idNumber = person["idNumber"] is JsonValue n && n.TryGetValue<string>(out var number) && IdPattern().IsMatch(number)
            ? number.ToUpperInvariant()
            : throw Bad("/person/idNumber", "an 18-character resident identity number");
        if (body["facts"] is not JsonArray || body["lineage"] is not JsonArray)
        {
            throw Bad(body["facts"] is JsonArray ? "/lineage" : "/facts", "an array");
        }

        if (body["graduate"] is { } graduate
            && (graduate is not JsonObject section || section["entries"] is not JsonArray || section["followUps"] is not JsonArray))
        {
            throw Bad("/graduate", "null or an object with the arrays entries and followUps");
        }

        var package = body.DeepClone().AsObject();
        package.Remove("kind");
        package["person"]!.AsObject().Remove("idNumber");
        return (id, package, idNumber, date, reason);
    }

    private static JsonNode? Value(JsonObject body, string pointer) => body[pointer[1..]];

    private static PeerRefusalException Bad(string pointer, string expected) =>
        new(PeerRefusalKind.BadBody, "invalid-package", $"{pointer} must be {expected}.", new FieldError(pointer, "invalid-package", expected));

    [GeneratedRegex("^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdPattern();
}
