namespace IntegrationHub.Handler.Cli;

/// <summary>Polls <c>GET /api/admin/identity</c> until nothing is left to link and the persons, links and reviews have stayed
/// the same for longer than the linking timer's period (merges of persons that later records showed to be one human come
/// after the queues are empty); prints how long that took.</summary>
public static class WaitLinkedCommand
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(12);

    public static async Task<int> RunAsync(Uri hub, string credentialsPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = await AdminCall.ClientAsync(hub, credentialsPath, null, cancellationToken);
        var clock = Stopwatch.StartNew();
        string? settled = null;
        var settledSince = TimeSpan.Zero;
        while (clock.Elapsed < timeout)
        {
            using var response = await client.GetAsync(new Uri("/api/admin/identity", UriKind.Relative), cancellationToken);
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = status.RootElement;
            var idle = root.GetProperty("unlinkedLines").GetInt64() == 0 && root.GetProperty("deferred").GetInt64() == 0;
            var counts = $"{root.GetProperty("persons")}/{root.GetProperty("links")}/{root.GetProperty("openReviews")}";
            if (!idle || counts != settled)
            {
                settled = idle ? counts : null;
                settledSince = clock.Elapsed;
            }
            else if (clock.Elapsed - settledSince >= Settle)
            {
                await Console.Out.WriteLineAsync($"linked: {root.GetProperty("links")} links, {root.GetProperty("persons")} persons, " +
                    $"{root.GetProperty("openReviews")} open reviews, settled {settledSince.TotalSeconds:F1} s after waiting began " +
                    $"(confirmed {Settle.TotalSeconds:F0} s later)");
                return 0;
            }

            // The status counts every link and person: asked twice a second it took 13% of the database's time in a
            // million-record bench run; every 2 s costs a quarter of that and at most 2 s of precision.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        await Console.Error.WriteLineAsync($"linking did not finish within {timeout}");
        return 1;
    }
}
