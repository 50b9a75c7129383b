using IntegrationHub.Flows.Exchange.Findings;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

/// <summary>The console's long lists read one page from the database: the findings page pages by keyset (a finding that moves
/// while the operator pages is never on two pages) and reads only the findings it shows, and the dashboard counts every
/// standing feed alert, not the first page of them.</summary>
public sealed partial class ConsolePagingTests() : SignedInConsoleTests("paula")
{
    [Fact]
    public async Task Findings_MoreThanAPageAndOneChangesBetweenPages_NextShowsTheRestOnceAndEachReadNamesOnlyTheRowsShown()
    {
        await SeedFindingsAsync(30);

        var (firstStatus, first, _) = await Client.GetAsync("/console/findings?department=hr&status=all");
        var firstIds = Ids(first);
        // The newest finding the first page does not show changes now: it moves to the top of the list while the operator reads
        // on (an offset would then show the first page's last finding again).
        await Hub.CountAsync("UPDATE exchange_finding SET changed_at = now() + interval '1 day' WHERE finding_key = 'k5'");
        var moved = (await Hub.CountAsync("SELECT finding_id FROM exchange_finding WHERE finding_key = 'k5'")).ToString("'F'000000000",
            CultureInfo.InvariantCulture);
        var (secondStatus, second, _) = await Client.GetAsync(ConsolePagerLinks.Next(first));
        var secondIds = Ids(second);
        var (_, back, _) = await Client.GetAsync(ConsolePagerLinks.Previous(second));

        Assert.Equal((200, 200), (firstStatus, secondStatus));
        Assert.Equal(25, firstIds.Count);
        Assert.DoesNotContain(moved, firstIds);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(4, secondIds.Count);
        Assert.DoesNotContain(moved, secondIds);
        Assert.Contains("第 2 页，共 2 页（30 条）", second, StringComparison.Ordinal);
        // Previous is the page before the second as the list stands: the first page's findings (the moved one is newer still).
        Assert.Equal(firstIds, Ids(back));
        // Each read decrypted and audited the findings it showed, not the department's every finding.
        Assert.Equal(["25", "4", "25"], await AuditedCountsAsync());
    }

    [Fact]
    public async Task Findings_FilteredPages_ShowEachFindingOnceNewestFirst()
    {
        await SeedFindingsAsync(32);
        await Hub.CountAsync("UPDATE exchange_finding SET open = false WHERE finding_key IN ('k1', 'k31')");

        var (_, first, _) = await Client.GetAsync("/console/findings?department=hr");
        var (_, second, _) = await Client.GetAsync(ConsolePagerLinks.Next(first));
        var ids = Ids(first).Concat(Ids(second)).ToList();

        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
        Assert.Equal(ids.OrderDescending(StringComparer.Ordinal), ids);
        Assert.DoesNotContain("class=\"next\"", second, StringComparison.Ordinal);
        Assert.Contains("第 1 页，共 2 页（30 条）", first, StringComparison.Ordinal);
        Assert.Contains("第 2 页，共 2 页（30 条）", second, StringComparison.Ordinal);
    }

    /// <summary>A cursor written by hand shows the page <see cref="ConsolePagerLinks.HandWrittenCursors"/> says, a malformed one
    /// included.</summary>
    [Theory]
    [MemberData(nameof(ConsolePagerLinks.HandWrittenCursors), MemberType = typeof(ConsolePagerLinks))]
    public async Task Findings_CursorWrittenByHand_ShowsTheRightPage(string cursor, int first, int page)
    {
        await SeedFindingsAsync(60);
        var listed = await ListedAsync();

        var (status, html, _) = await Client.GetAsync("/console/findings?department=hr&status=all&"
            + ConsolePagerLinks.Cursor(cursor, [.. listed.Select(f => f.Cursor)]));

        Assert.Equal(200, status);
        Assert.Equal(listed.Skip(first).Take(25).Select(f => f.Id), Ids(html));
        Assert.Contains($"第 {page} 页，共 3 页（60 条）", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_TwentyFiveStandingAlertsOfEachKind_CountsThemAll()
    {
        await Hub.CountAsync("""
            INSERT INTO exchange_feed_alert (department, feed, kind, alert_key, detail, raised_at)
            SELECT 'hr', 'feed-' || i, 'overdue', 'k', '{}'::jsonb, now() FROM generate_series(1, 25) i
            UNION ALL
            SELECT 'hr', 'feed-1', 'overdue', 'k-' || i, '{}'::jsonb, now() FROM generate_series(1, 3) i
            UNION ALL
            SELECT 'ps', 'household-registration', 'anomalous', 'batch-' || i, '{}'::jsonb, now() FROM generate_series(1, 25) i
            """);

        var (_, html, _) = await Client.GetAsync("/console/");

        // Overdue counts feeds (feed-1 stands overdue four times), anomalous counts batches.
        Assert.Equal("25", CardValue(html, "overdue-feeds"));
        Assert.Equal("25", CardValue(html, "anomalous-batches"));
    }

    private async Task SeedFindingsAsync(int count)
    {
        var cipher = Hub.Server.Services.GetRequiredService<IdentityProtector>().Encrypt("500103200405010112", ProtectionPurposes.IdNumber);
        await using var seed = Hub.DataSource.CreateCommand("""
            INSERT INTO exchange_finding (rule_id, department, person_id, finding_key, record_ids, period_from, period_to, evidence, detail,
                number_cipher, open, first_seen, last_seen, changed_at)
            SELECT 'number-change', 'hr', 1000 + i, 'k' || i, ARRAY['r-' || i], '2026-01', '2026-11',
                '[{"department":"ps","feed":"household-registration"}]', '{}', @cipher, true, now(), now(), now() - make_interval(mins => @count - i)
            FROM generate_series(1, @count) i
            """);
        seed.Parameters.AddWithValue("cipher", cipher);
        seed.Parameters.AddWithValue("count", count);
        await seed.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every finding, newest change first (the page's order), with its cursor.</summary>
    private async Task<List<(string Id, string Cursor)>> ListedAsync()
    {
        await using var read = Hub.DataSource.CreateCommand("SELECT finding_id, changed_at FROM exchange_finding ORDER BY changed_at DESC, finding_id DESC");
        return await read.ReadRowsAsync(reader => (reader.GetInt64(0).ToString("'F'000000000", CultureInfo.InvariantCulture),
            new FindingCursor(reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(0)).Encode()), TestContext.Current.CancellationToken);
    }

    private async Task<List<string>> AuditedCountsAsync()
    {
        await using var read = Hub.DataSource.CreateCommand(
            "SELECT detail->>'count' FROM audit_log WHERE action = 'findings.read' AND actor = 'operator:paula' ORDER BY seq");
        return await read.ReadRowsAsync(reader => reader.GetString(0), TestContext.Current.CancellationToken);
    }

    private static List<string> Ids(string html) =>
        [.. FindingRow().Matches(html[html.IndexOf("id=\"findings\"", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value)];

    private static string CardValue(string html, string card)
    {
        var value = html[html.IndexOf($"id=\"card-{card}\"", StringComparison.Ordinal)..];
        value = value[(value.IndexOf("<div class=\"value\">", StringComparison.Ordinal) + "<div class=\"value\">".Length)..];
        return value[..value.IndexOf('<', StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr(?: class=\"disagree\")?><td>(F[0-9]{9})</td>")]
    private static partial Regex FindingRow();
}
