namespace IntegrationHub.Events.Destinations;

/// <summary>What a destination's address is, as far as sending personal data there goes.</summary>
public enum AddressClass
{
    /// <summary>A public address: allowed.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1, <c>localhost</c>: allowed only with <see cref="EventsOptions.AllowLoopbackHttp"/>.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7, fec0::/10: allowed only with
    /// <see cref="EventsOptions.AllowPrivateDestinations"/>.</summary>
    Private,

    /// <summary>Link-local (169.254/16, fe80::/10) and cloud metadata addresses and names: never.</summary>
    Metadata,

    /// <summary>Unspecified (0.0.0.0/8, ::), multicast, broadcast and reserved (240/4): never a destination.</summary>
    Unusable,
}
