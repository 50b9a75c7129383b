namespace IntegrationHub.Events.Destinations;

/// <summary>Which hosts and addresses the hub sends events to: judged when a subscription is registered (its URL's host)
/// and again at every connection (each address the host resolves to then).</summary>
/// <remarks>
/// A subscription's URL is chosen by an administrator, but the data it receives is personal and the request comes from
/// inside the hub's network: pointed at a cloud metadata service it would hand out the hub's own credentials, pointed at
/// a private address it would reach services nobody meant to expose. So link-local and metadata addresses are never
/// destinations, loopback only with <see cref="EventsOptions.AllowLoopbackHttp"/> (development, tests) and private
/// ranges only with <see cref="EventsOptions.AllowPrivateDestinations"/> (on-premises webhooks, Service Bus private
/// endpoints). Registration sees only the URL: it judges literal addresses in every form <see cref="Uri"/> and
/// <see cref="IPAddress"/> read (dotted, decimal, octal, hex, IPv4-mapped, NAT64, 6to4) and the names <c>localhost</c> and
/// the metadata services' names; it does not resolve names, since what a name resolves to may change after it. The
/// connection does, and refuses to connect to an address this policy refuses (<see cref="DeliveryHttp"/>).
/// </remarks>
public sealed class DestinationPolicy(bool allowLoopback, bool allowPrivate)
{
    public const string Code = "destination-forbidden";

    /// <summary>Names of cloud metadata services (Google's, AWS's) that resolve to them wherever the hub runs.</summary>
    private static readonly HashSet<string> MetadataNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal",
    };

    /// <summary>Metadata services outside link-local: Azure's platform endpoint (WireServer), Alibaba Cloud's, Oracle
    /// Cloud's, and AWS's IPv6 one.</summary>
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("168.63.129.16"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192"),
        IPAddress.Parse("fd00:ec2::254"),
    ];

    public bool AllowLoopback => allowLoopback;

    public bool AllowPrivate => allowPrivate;

    /// <summary>The policy the configuration asks for; loopback unset means allowed in Development only.</summary>
    public static DestinationPolicy From(EventsOptions options, IHostEnvironment environment) =>
        new(options.AllowLoopbackHttp ?? environment.IsDevelopment(), options.AllowPrivateDestinations);

    public static DestinationPolicy From(IOptions<EventsOptions> options, IHostEnvironment environment) => From(options.Value, environment);

    /// <summary>Why events may not go to the URL's host, or null when they may (as far as registration can tell).</summary>
    public string? Refusal(Uri url)
    {
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.Host.TrimEnd('.');
        return IPAddress.TryParse(host, out var address) ? Refusal(host, Classify(address)) : Refusal(host, ClassifyName(host));
    }

    /// <summary>Why events may not go to <paramref name="address"/>, which <paramref name="host"/> resolved to, or null.</summary>
    public string? Refusal(string host, IPAddress address) =>
        Refusal(host == address.ToString() ? host : $"{host} (resolved to {address})", Classify(address));

    /// <summary>What a name says before it is resolved: <c>localhost</c> and its subdomains are loopback (RFC 6761), the
    /// metadata services' names are metadata; any other name is judged by what it resolves to.</summary>
    public static AddressClass ClassifyName(string host)
    {
        var name = host.TrimEnd('.');
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return AddressClass.Loopback;
        }

        return MetadataNames.Contains(name) ? AddressClass.Metadata : AddressClass.Public;
    }

    public static AddressClass Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (MetadataAddresses.Contains(address))
        {
            return AddressClass.Metadata;
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return b[0] switch
            {
                127 => AddressClass.Loopback,
                169 when b[1] == 254 => AddressClass.Metadata,
                0 or >= 224 => AddressClass.Unusable,
                10 => AddressClass.Private,
                172 when (b[1] & 0xF0) == 16 => AddressClass.Private,
                192 when b[1] == 168 => AddressClass.Private,
                100 when (b[1] & 0xC0) == 64 => AddressClass.Private,
                _ => AddressClass.Public,
            };
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressClass.Loopback;
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressClass.Unusable;
        }

        if (EmbeddedIPv4(b) is { } embedded)
        {
            return Classify(embedded);
        }

        return b[0] switch
        {
            0xFE when (b[1] & 0xC0) == 0x80 => AddressClass.Metadata,
            0xFE when (b[1] & 0xC0) == 0xC0 => AddressClass.Private,
            0xFC or 0xFD => AddressClass.Private,
            0xFF => AddressClass.Unusable,
            _ => AddressClass.Public,
        };
    }

    /// <summary>The IPv4 address an IPv6 address carries and reaches: IPv4-compatible (<c>::a.b.c.d</c>), NAT64's well-known
    /// prefix (<c>64:ff9b::/96</c>) and 6to4 (<c>2002::/16</c>).</summary>
    private static IPAddress? EmbeddedIPv4(byte[] b)
    {
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        if (b.AsSpan(0, 12).SequenceEqual(new byte[] { 0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0 }))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null;
    }

    private string? Refusal(string what, AddressClass kind) => kind switch
    {
        AddressClass.Metadata => $"{what} is a link-local or cloud metadata address: events are never sent there.",
        AddressClass.Unusable => $"{what} is not an address events can be sent to (unspecified, multicast, broadcast or reserved).",
        AddressClass.Loopback when !allowLoopback =>
            $"{what} is a loopback address: events go there only when Events:AllowLoopbackHttp is true.",
        AddressClass.Private when !allowPrivate =>
            $"{what} is a private address (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): events go there only when Events:AllowPrivateDestinations is true.",
        _ => null,
    };
}
