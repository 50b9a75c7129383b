using IntegrationHub.Flows.Federation.Messaging;
using IntegrationHub.Flows.Federation.Trust;
using IntegrationHub.Identity.Published;

namespace IntegrationHub.Flows.Federation.Sharing;

/// <summary>
/// The <c>events</c> service: a peer's signed batch of CloudEvents about priority-group persons (hukou here), stored as
/// records of the source <c>peer/{region}</c> (<c>peer_record</c>) and linked by identity number to this hub's persons,
/// as any record with a valid number is. An event id already stored is skipped, so a re-sent batch changes nothing.
/// </summary>
internal sealed partial class PeerEventsService(NpgsqlDataSource dataSource, PersonAdmission admission, IdentityProtector protector,
    TimeProvider time) : IPeerService
{
    private const string CipherPurpose = "peer_record.id_number";

    public string Name => PeerServices.Events;

    public async Task<byte[]> AnswerAsync(VerifiedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var batch = message.BodyAs<JsonArray>(Bad, "The body is a JSON array of CloudEvents.");
        var source = "peer/" + message.Peer.Region;
        var stored = 0;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i] is not JsonObject cloudEvent || !Guid.TryParse((string?)cloudEvent["id"], out var id)
                || (string?)cloudEvent["type"] is not { Length: > 0 } type || cloudEvent["data"] is not JsonObject data)
            {
                throw Bad($"/{i}", "Each event has an id (UUID), a type and data.");
            }

            var number = (string?)data["identityNumber"];
            var record = data.DeepClone().AsObject();
            record.Remove("identityNumber");
            long? person = null;
            if (number is not null && IdPattern().IsMatch(number))
            {
                var attributes = new JsonObject();
                foreach (var attribute in new[] { "name", "birthDate", "gender", "hukouRegion" })
                {
                    if (record[attribute] is { } value)
                    {
                        attributes[attribute] = value.DeepClone();
                    }
                }

                (person, _) = await admission.AdmitAsync(connection, transaction, number, attributes, message.Peer.Region, id.ToString(), now,
                    cancellationToken);
            }

            await using var insert = new NpgsqlCommand("""
                INSERT INTO peer_record (source, event_id, type, subject, data, id_number_cipher, id_number_index, person_id, received_at)
                VALUES (@source, @id, @type, @subject, @data::jsonb, @cipher, @index, @person, @now)
                ON CONFLICT (source, event_id) DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue("source", source);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("subject", (object?)(string?)cloudEvent["subject"] ?? DBNull.Value);
            insert.Parameters.AddWithValue("data", record.ToJsonString());
            insert.Parameters.AddWithValue("cipher", number is null ? DBNull.Value : protector.Encrypt(number.ToUpperInvariant(), CipherPurpose));
            insert.Parameters.AddWithValue("index", number is null ? DBNull.Value : protector.BlindIndex(number.ToUpperInvariant()));
            insert.Parameters.AddWithValue("person", (object?)person ?? DBNull.Value);
            insert.Parameters.AddWithValue("now", now);
            stored += await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["received"] = batch.Count, ["stored"] = stored });
    }

    private static PeerRefusalException Bad(string pointer, string message) =>
        new(PeerRefusalKind.BadBody, "invalid-events", message, new FieldError(pointer, "invalid-events", message));

    [GeneratedRegex("^[0-9]{17}[0-9Xx]$")]
    private static partial Regex IdPattern();
}
