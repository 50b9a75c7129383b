namespace IntegrationHub.Events;

/// <summary>Configuration of subscriptions and delivery (<c>Events:*</c>).</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>The region in each event's <c>source</c>, <c>/hub/{Region}</c>.</summary>
    public string Region { get; set; } = "cq";

    /// <summary>Where the data schemas are published; <c>dataschema</c> is this followed by <c>{type}.schema.json</c>.</summary>
    public string SchemaBase { get; set; } = "https://hub.example.gov.cn/contracts/events/";

    /// <summary>Base64 of 32 random bytes from which each subscriber's pseudonym key is derived. Unset: derived from the
    /// blind-index key (a separate key is better in production: Key Vault).</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Lets webhooks and Service Bus endpoints be on loopback (127.0.0.0/8, ::1, <c>localhost</c>), over http too;
    /// unset: only in Development.</summary>
    public bool? AllowLoopbackHttp { get; set; }

    /// <summary>Lets webhooks and Service Bus endpoints be on private addresses (10/8, 172.16/12, 192.168/16, 100.64/10,
    /// fc00::/7): on-premises webhooks, or a Service Bus private endpoint. Link-local and metadata addresses stay refused.</summary>
    public bool AllowPrivateDestinations { get; set; }

    public int MinSecretLength { get; set; } = 32;

    /// <summary>Attempts before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Events per webhook or Service Bus request.</summary>
    public int BatchSize { get; set; } = 250;

    /// <summary>Batches one dispatcher has in flight to one subscription at once. Order holds whatever the number: a claim
    /// never takes a person's event while an earlier one of that person is leased or waiting to be retried.</summary>
    public int ClaimsInFlight { get; set; } = 4;

    /// <summary>How many of a subscription's oldest pending deliveries one claim looks at.</summary>
    public int ScanSize { get; set; } = 1000;

    /// <summary>How long a claim stays a dispatcher's; after it, another dispatcher takes the deliveries over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a dispatcher looks without being woken (retries fall due, notifications missed).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher woken by a commit waits for more commits before its pass.</summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Failures in a row, per destination, before its circuit opens; and how long it stays open.</summary>
    public int BreakerFailures { get; set; } = 5;

    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Standalone: run the dispatcher as a hosted service (on Azure the DispatchEvents timer runs it).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}
