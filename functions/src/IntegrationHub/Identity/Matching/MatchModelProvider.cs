namespace IntegrationHub.Identity.Matching;

/// <summary>
/// The model the matcher scores with: the newest EM fit stored in <c>match_model_fit</c> (the default priors while there
/// is none), with the configured per-field overrides on top. Reloaded at most every <see cref="MatchingOptions.ModelRefresh"/>,
/// so every hub picks up a new fit within that time. It reads on the caller's connection: its callers hold a transaction,
/// and a second connection from the pool for each of them could leave every pooled connection waiting for another.
/// </summary>
public sealed class MatchModelProvider(TimeProvider time, IOptions<MatchingOptions> options)
{
    private Loaded? loaded;

    public async ValueTask<MatchModel> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (loaded is { } current && now - current.At < options.Value.ModelRefresh)
        {
            return current.Model;
        }

        MatchModel fitted;
        await using (var command = new NpgsqlCommand("SELECT model::text FROM match_model_fit ORDER BY fit_id DESC LIMIT 1", connection,
                         transaction))
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
