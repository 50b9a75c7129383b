using IntegrationHub.Events.Backfill;

namespace IntegrationHub.Events.Subscriptions;

/// <summary>
/// Subscriptions in PostgreSQL. Every change is audited in its own transaction; the destination's secret is stored
/// only encrypted and never read back except by the dispatcher. A subscriber new to the hub becomes a principal of kind
/// subscriber, and the token it pulls with is returned once, by the request that created it. A subscription created with
/// backfill gets the current state of its types first (<see cref="SubscriptionBackfill"/>).
/// </summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource, IdentityProtector protector, AuditLog audit, TimeProvider time,
    IEnumerable<ISnapshotSource> snapshotSources, ILogger<SubscriptionStore> logger)
{
    private readonly SubscriptionBackfill backfill = new(dataSource, snapshotSources, logger);

    public const string SecretPurpose = "subscription.secret";
    private const string Columns = """
        subscription_id, name, subscriber, legal_basis, purpose, event_types, fields, identity_numbers, destination::text,
        created_at, updated_at, content_filter::text
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Creates the subscription; returns it with the subscriber's new token when the subscriber was new.</summary>
    public async Task<(Subscription Subscription, string? SubscriberToken)> CreateAsync(SubscriptionSpec spec, string actor,
        CancellationToken cancellationToken)
    {
        if (spec.Secret is null && spec.Destination.HasSecret)
        {
            throw SecretRequired(spec.Destination.Kind);
        }

        // The state is read (in a snapshot of its own) and written, under the id the subscription will take, before the
        // subscription exists; its live stream starts at that snapshot.
        // What would refuse the request is checked before a backfill writes its snapshot, so that a retry does not write and
        // delete one each time. The insert below stays the authority: a name taken meanwhile is refused there.
        if (spec.Backfill)
        {
            await RefuseBeforeBackfillAsync(spec, cancellationToken);
        }

        var snapshot = spec.Backfill ? await backfill.WriteAsync(spec, cancellationToken) : null;
        try
        {
            return await InsertAsync(spec, actor, snapshot, cancellationToken);
        }
        catch (Exception) when (snapshot is { Events: > 0 })
        {
            // Whatever failed (a name taken meanwhile, a lost connection, the request cancelled), the snapshot written for it
            // would never be delivered: it goes, unless the subscription exists after all. Not cancelled with the request,
            // and it never throws, so the request's own failure is what the caller sees.
            await backfill.DiscardAsync(snapshot, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stores the subscription with the deliveries of its snapshot, if one was written for it.</summary>
    private async Task<(Subscription Subscription, string? SubscriberToken)> InsertAsync(SubscriptionSpec spec, string actor,
        WrittenSnapshot? snapshot, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (snapshot is not null)
        {
            await SubscriptionBackfill.HoldAsync(snapshot, connection, transaction, cancellationToken);
        }

        var token = await EnsureSubscriberAsync(connection, transaction, spec.Subscriber, cancellationToken);
        var now = time.GetUtcNow();
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO subscription (subscription_id, name, subscriber, legal_basis, purpose, event_types, type_patterns, fields,
                identity_numbers, destination, secret_cipher, created_at, updated_at, content_filter, live_from, catching_up)
            OVERRIDING SYSTEM VALUE
            VALUES (coalesce(@id, nextval(pg_get_serial_sequence('subscription', 'subscription_id'))), @name, @subscriber, @legal,
                @purpose, @types, @patterns, @fields, @ids, @destination::jsonb, @cipher, @now, @now, @filter::jsonb,
                @liveFrom::pg_snapshot, @liveFrom IS NOT NULL)
            RETURNING {Columns}
            """, connection, transaction);
        Bind(insert, spec);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = (object?)snapshot?.SubscriptionId ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("liveFrom", NpgsqlDbType.Text) { Value = (object?)snapshot?.LiveFrom ?? DBNull.Value });
        Subscription created;
        try
        {
            created = (await ReadAllAsync(insert, cancellationToken))[0];
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw NameTaken(spec.Name);
        }

        if (snapshot is not null)
        {
            await SubscriptionBackfill.DeliverAsync(snapshot, connection, transaction, cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, Entry(actor, "subscription.created", created, snapshot?.Events), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (created, token);
    }

    public async Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM subscription ORDER BY name");
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<Subscription?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM subscription WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Replaces the subscription's settings. A secret left out keeps the stored one when the kind is unchanged.
    /// Events already waiting are shaped by the new settings when they are sent.</summary>
    public async Task<(Subscription Subscription, string? SubscriberToken)> ChangeAsync(string name, SubscriptionSpec spec, string actor,
        CancellationToken cancellationToken)
    {
        if (spec.Name != name)
        {
            throw new SubscriptionException(400, "subscription-invalid", "A subscription cannot be renamed.",
                [new FieldError("/name", "name-immutable", $"The name must stay '{name}'.")]);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var token = await EnsureSubscriberAsync(connection, transaction, spec.Subscriber, cancellationToken);
        await using var update = new NpgsqlCommand($"""
            UPDATE subscription SET subscriber = @subscriber, legal_basis = @legal, purpose = @purpose, event_types = @types,
                type_patterns = @patterns, fields = @fields, identity_numbers = @ids, destination = @destination::jsonb,
                secret_cipher = CASE WHEN @cipher IS NOT NULL THEN @cipher
                                     WHEN @hasSecret AND destination ->> 'kind' = @kind THEN secret_cipher END,
                updated_at = @now, content_filter = @filter::jsonb
            WHERE name = @name
            RETURNING {Columns}, secret_cipher IS NOT NULL
            """, connection, transaction);
        Bind(update, spec);
        update.Parameters.AddWithValue("kind", spec.Destination.Kind);
        update.Parameters.AddWithValue("hasSecret", spec.Destination.HasSecret);
        update.Parameters.AddWithValue("now", time.GetUtcNow());
        Subscription changed;
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw NotFound(name);
            }

            changed = Read(reader);
            if (!reader.GetBoolean(12) && spec.Destination.HasSecret)
            {
                throw SecretRequired(spec.Destination.Kind);
            }
        }

        await audit.AppendAsync(connection, transaction, Entry(actor, "subscription.changed", changed), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (changed, token);
    }

    public async Task DeleteAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = new NpgsqlCommand($"DELETE FROM subscription WHERE name = @name RETURNING {Columns}", connection, transaction);
        delete.Parameters.AddWithValue("name", name);
        var deleted = await ReadAllAsync(delete, cancellationToken);
        if (deleted.Count == 0)
        {
            throw NotFound(name);
        }

        await audit.AppendAsync(connection, transaction, Entry(actor, "subscription.deleted", deleted[0]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The destination's secret in clear, for signing; null for pull.</summary>
    public async Task<string?> ReadSecretAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT secret_cipher FROM subscription WHERE subscription_id = @id");
        command.Parameters.AddWithValue("id", subscriptionId);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] cipher ? protector.Decrypt(cipher, SecretPurpose) : null;
    }

    public static SubscriptionException NotFound(string name) => new(404, "not-found", $"No subscription named '{name}'.");

    internal static Subscription Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.GetFieldValue<string[]>(5), reader.GetFieldValue<string[]>(6), reader.GetBoolean(7),
        JsonSerializer.Deserialize<Destination>(reader.GetString(8), Json)!,
        reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
        // Readers that select the first eleven columns only (the dispatcher's claim, the pull feed) see no filter: it is
        // applied at fan-out, before either.
        reader.FieldCount > 11 && reader.GetName(11) == "content_filter" && !reader.IsDBNull(11) ? ContentFilter.FromJson(reader.GetString(11)) : null);

    private async Task RefuseBeforeBackfillAsync(SubscriptionSpec spec, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM subscription WHERE name = @name), (SELECT kind FROM principal WHERE name = @subscriber)
            """);
        command.Parameters.AddWithValue("name", spec.Name);
        command.Parameters.AddWithValue("subscriber", spec.Subscriber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetBoolean(0))
        {
            throw NameTaken(spec.Name);
        }

        if (!reader.IsDBNull(1) && reader.GetString(1) != "subscriber")
        {
            throw NotASubscriber(spec.Subscriber);
        }
    }

    private static SubscriptionException NameTaken(string name) =>
        new(409, "subscription-exists", $"A subscription named '{name}' exists already.",
            [new FieldError("/name", "duplicate", "Choose another name, or change the existing subscription with PUT or PATCH.")]);

    private static SubscriptionException NotASubscriber(string subscriber) =>
        new(400, "subscription-invalid", "The subscription is invalid.",
            [new FieldError("/subscriber", "not-a-subscriber", $"'{subscriber}' is a department or an administrator, not a subscriber.")]);

    private static SubscriptionException SecretRequired(string kind)
    {
        var field = kind == DestinationKind.ServiceBus ? "key" : "secret";
        return new SubscriptionException(400, "subscription-invalid", "The subscription is invalid.",
            [new FieldError("/destination/" + field, "required", $"A {kind} destination needs its {field}.")]);
    }

    private async Task<string?> EnsureSubscriberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subscriber,
        CancellationToken cancellationToken)
    {
        var token = BearerToken.Create();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO principal (name, kind, token_hash, created_at) VALUES (@name, 'subscriber', @hash, @now)
            ON CONFLICT (name) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("name", subscriber);
        insert.Parameters.AddWithValue("hash", BearerToken.Hash(token));
        insert.Parameters.AddWithValue("now", time.GetUtcNow());
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return token;
        }

        await using var kind = new NpgsqlCommand("SELECT kind FROM principal WHERE name = @name", connection, transaction);
        kind.Parameters.AddWithValue("name", subscriber);
        if (await kind.ExecuteScalarAsync(cancellationToken) as string != "subscriber")
        {
            throw NotASubscriber(subscriber);
        }

        return null;
    }

    private void Bind(NpgsqlCommand command, SubscriptionSpec spec)
    {
        command.Parameters.AddWithValue("name", spec.Name);
        command.Parameters.AddWithValue("subscriber", spec.Subscriber);
        command.Parameters.AddWithValue("legal", spec.LegalBasis);
        command.Parameters.AddWithValue("purpose", spec.Purpose);
        command.Parameters.AddWithValue("types", spec.EventTypes.ToArray());
        command.Parameters.AddWithValue("patterns", spec.EventTypes.Select(EventTypePattern.ToLike).ToArray());
        command.Parameters.AddWithValue("fields", spec.Fields.ToArray());
        command.Parameters.AddWithValue("ids", spec.IdentityNumbers);
        command.Parameters.AddWithValue("destination", JsonSerializer.Serialize(spec.Destination, Json));
        command.Parameters.Add(new NpgsqlParameter("filter", NpgsqlDbType.Text)
        {
            Value = spec.Filter is null ? DBNull.Value : spec.Filter.ToJson().ToJsonString(),
        });
        command.Parameters.Add(new NpgsqlParameter("cipher", NpgsqlDbType.Bytea)
        {
            Value = spec.Secret is null ? DBNull.Value : protector.Encrypt(spec.Secret, SecretPurpose),
        });
    }

    private static Task<List<Subscription>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        command.ReadRowsAsync(Read, cancellationToken);

    private static AuditEntry Entry(string actor, string action, Subscription s, long? snapshotEvents = null) => new(actor, action, "subscription management",
        s.Name, JsonSerializer.Serialize(new
        {
            subscriber = s.Subscriber,
            legalBasis = s.LegalBasis,
            purpose = s.Purpose,
            eventTypes = s.EventTypes,
            fields = s.Fields,
            identityNumbers = s.IdentityNumbers,
            destination = s.Destination,
            filter = s.Filter,
            snapshotEvents,
        }, Json));
}
