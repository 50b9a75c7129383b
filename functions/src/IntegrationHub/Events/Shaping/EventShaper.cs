using IntegrationHub.Events.Subscriptions;
using IntegrationHub.Identity;

namespace IntegrationHub.Events.Shaping;

/// <summary>
/// Turns an outbox event into the CloudEvent (1.0, structured JSON) one subscription receives: its data cut down to the
/// allow-list, plus the identity number or the subscriber's pseudonym when allowed. Nothing else of the row goes out.
/// </summary>
public sealed class EventShaper(IOptions<EventsOptions> options, IdentityProtector protector, Pseudonyms pseudonyms)
{
    private readonly EventsOptions settings = options.Value;

    /// <summary>A shaper bound to one subscription's current settings (its pseudonym key derived once).</summary>
    public Func<OutboxEvent, byte[]> For(Subscription subscription)
    {
        var allowNumber = subscription.IdentityNumbers && subscription.Fields.Contains(SubscriptionValidator.IdentityNumberField);
        var allowPseudonym = subscription.Fields.Contains(SubscriptionValidator.PseudonymField);
        var key = allowPseudonym ? pseudonyms.KeyFor(subscription.Subscriber) : null;
        return e =>
        {
            var full = JsonNode.Parse(e.DataJson)!.AsObject();
            var snapshot = full["snapshot"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
            var data = FieldFilter.Apply(full, subscription.Fields);
            string? number = null;
            if ((allowNumber || allowPseudonym) && e.IdNumberCipher is not null)
            {
                number = protector.Decrypt(e.IdNumberCipher, ProtectionPurposes.IdNumber);
            }

            if (allowNumber && number is not null)
            {
                data["identityNumber"] = number;
            }

            if (allowPseudonym)
            {
                data["pseudonym"] = Pseudonyms.Compute(key!, number ?? PersonInput(e.Subject));
            }

            return Write(e, data, snapshot);
        };
    }

    // A person without a number is pseudonymised by its bare id, "person:650", as before subjects took the P form: a
    // subscriber's pseudonyms must not change because the id's text did.
    private static string PersonInput(string subject) =>
        "person:" + (PersonId.TryParse(subject, out var id) ? id.ToString(CultureInfo.InvariantCulture) : subject);

    // snapshot: the CloudEvents extension attribute of a backfill's events (the current state, not a change), set whether or
    // not the subscription may see the data field of the same name.
    private byte[] Write(OutboxEvent e, JsonObject data, bool snapshot)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", e.EventId.ToString("D"));
            writer.WriteString("source", "/hub/" + settings.Region);
            writer.WriteString("type", e.Type);
            writer.WriteString("subject", e.Subject);
            writer.WriteString("time", e.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("datacontenttype", "application/json");
            writer.WriteString("dataschema", settings.SchemaBase + e.Type + ".schema.json");
            writer.WriteString("sequence", e.Sequence.ToString(CultureInfo.InvariantCulture));
            if (snapshot)
            {
                writer.WriteBoolean("snapshot", true);
            }

            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
