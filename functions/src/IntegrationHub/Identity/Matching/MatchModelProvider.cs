using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Identity.Matching;

/// <summary>
/// The model the matcher scores with: the newest EM fit stored in <c>match_model_fit</c> (the default priors while there
/// is none), with the configured per-field overrides on top. Reloaded at most every <see cref="MatchingOptions.ModelRefresh"/>,
/// so every hub picks up a new fit within that time.
/// </summary>
public sealed class MatchModelProvider(NpgsqlDataSource dataSource, TimeProvider time, IOptions<MatchingOptions> options)
{
    private Loaded? loaded;

    public async ValueTask<MatchModel> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (loaded is { } current && now - current.At < options.Value.ModelRefresh)
        {
            return current.Model;
        }

        MatchModel fitted;
        await using (var command = dataSource.CreateCommand("SELECT model::text FROM match_model_fit ORDER BY fit_id DESC LIMIT 1"))
        {
            fitted = await command.ExecuteScalarAsync(cancellationToken) is string json ? MatchModelJson.Read(json) : MatchModel.Default();
        }

        var model = fitted.WithOverrides(options.Value.Overrides);
        loaded = new Loaded(model, now);
        return model;
    }

    /// <summary>Forgets the loaded model, so the next call reads the newest fit (after a fit in this process).</summary>
    public void Invalidate() => loaded = null;

    private sealed record Loaded(MatchModel Model, DateTimeOffset At);
}
