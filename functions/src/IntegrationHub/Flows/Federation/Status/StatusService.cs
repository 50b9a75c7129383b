using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;
using IntegrationHub.Identity;
using IntegrationHub.Identity.Published;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Federation.Status;

/// <summary>Answers a peer's status query with the fields the agreement gives that peer, or <c>unknown</c>; audited with
/// the peer's purpose.</summary>
internal sealed class StatusService(PersonDirectory persons, PersonFacts facts, AuditLog audit, NpgsqlDataSource dataSource,
    TimeProvider time) : IPeerService
{
    public string Name => PeerServices.Status;

    public async Task<byte[]> AnswerAsync(VerifiedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var question = StatusQuestion.Parse(message.Body.Span);
        var agreed = message.Peer.FieldsOf(Name);
        var asked = question.Fields ?? [.. PeerServices.StatusFields.Where(agreed.Contains)];
        for (var i = 0; i < asked.Count; i++)
        {
            if (!agreed.Contains(asked[i]))
            {
                throw new PeerRefusalException(PeerRefusalKind.NotAgreed, "field-not-agreed",
                    $"The agreement with {message.Peer.Region} does not include the field {asked[i]}.",
                    new FieldError($"/fields/{i}", "field-not-agreed", $"{asked[i]} is not among the agreed fields."));
            }
        }

        var person = await persons.FindByIdNumberAsync(question.IdNumber, cancellationToken);
        var answer = new JsonObject { ["status"] = person is null ? "unknown" : "known" };
        if (person is { } id)
        {
            answer["asOf"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            answer["fields"] = Fields(await facts.ReadAsync(id, cancellationToken), asked);
        }

        var detail = new JsonObject
        {
            ["peer"] = message.Peer.Region,
            ["messageId"] = message.Jws.Header.MessageId,
            ["legalBasis"] = question.LegalBasis,
            ["fields"] = new JsonArray([.. asked.Select(f => (JsonNode)f)]),
            ["known"] = person is not null,
        };
        await audit.AppendAsync(dataSource, new AuditEntry("peer/" + message.Peer.Region, "peer.status.answered", question.Purpose,
            person is { } p ? PersonId.Format(p) : null, detail.ToJsonString()), cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(answer);
    }

    /// <summary>The asked fields from the person's open facts; a field the hub cannot know is <c>"unknown"</c>.</summary>
    private static JsonObject Fields(IReadOnlyList<PersonFact> facts, IReadOnlyList<string> asked)
    {
        var open = facts.Where(f => f.Open).ToList();
        var employment = open.FirstOrDefault(f => f.Kind == "employment");
        var unemployment = open.FirstOrDefault(f => f.Kind == "unemployment");
        var fields = new JsonObject();
        foreach (var field in asked)
        {
            fields[field] = field switch
            {
                "employed" => employment is not null,
                "employmentForm" => employment?.Data["employmentForm"]?.DeepClone(),
                "registeredUnemployedSince" => unemployment?.Data["registeredOn"]?.DeepClone(),
                "difficultyCategories" => new JsonArray([.. open.Where(f => f.Kind == "difficulty")
                    .Select(f => f.Data["category"]?.DeepClone()).Where(c => c is not null)]),
                _ => "unknown",
            };
        }

        return fields;
    }
}
