using Azure.Core;
using Azure.Identity;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A stand-in for the hub's Entra ID identity: issues a new token per request (valid an hour on
/// <see cref="Clock"/>), records the scopes asked for, or fails as an environment without an identity does.</summary>
public sealed class FakeTokenCredential : TokenCredential
{
    private readonly ConcurrentQueue<string> issued = new();
    private readonly ConcurrentQueue<string[]> requests = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public bool Unavailable { get; set; }

    public IReadOnlyList<string> Issued => [.. issued];

    public IReadOnlyList<string[]> Requests => [.. requests];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        requests.Enqueue(requestContext.Scopes);
        if (Unavailable)
        {
            throw new CredentialUnavailableException("no identity in this environment");
        }

        var token = "entra-token-" + (issued.Count + 1).ToString(CultureInfo.InvariantCulture);
        issued.Enqueue(token);
        return new AccessToken(token, Clock.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
