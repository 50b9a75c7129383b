using IntegrationHub.Identity;
using IntegrationHub.Identity.Linking;

namespace IntegrationHub.Tests.Handler.OperatorConsole;

public sealed partial class ConsoleSecurityTests : IAsyncLifetime
{
    private IntakeHarness hub = null!;

    public async ValueTask InitializeAsync() => hub = await IntakeHarness.StartAsync(nameof(ConsoleSecurityTests));

    public async ValueTask DisposeAsync() => await hub.DisposeAsync();

    [Theory]
    [InlineData("GET", "/console/")]
    [InlineData("GET", "/console/batches")]
    [InlineData("GET", "/console/batches/ps/some-batch")]
    [InlineData("GET", "/console/review")]
    [InlineData("GET", "/console/review/1")]
    [InlineData("POST", "/console/review/1/accept")]
    [InlineData("POST", "/console/review/1/merge")]
    [InlineData("GET", "/console/persons")]
    [InlineData("POST", "/console/persons/search")]
    [InlineData("GET", "/console/persons/P000000001")]
    [InlineData("POST", "/console/persons/P000000001/merge")]
    [InlineData("GET", "/console/subscriptions")]
    [InlineData("GET", "/console/subscriptions/any")]
    [InlineData("POST", "/console/subscriptions/any/redrive")]
    [InlineData("POST", "/console/sign-out")]
    [InlineData("GET", "/console/graduates?cohort=2026")]
    [InlineData("GET", "/console/graduates/ratings")]
    [InlineData("GET", "/console/findings?department=hr")]
    [InlineData("GET", "/console/feeds")]
    [InlineData("POST", "/console/exports")]
    [InlineData("GET", "/console/exports/1")]
    [InlineData("GET", "/console/exports/1/file")]
    [InlineData("GET", "/api/console/")]
    [InlineData("GET", "/api/console/review")]
    public async Task Route_WithoutSession_RedirectsToSignIn(string method, string path)
    {
        using var console = new ConsoleClient(hub.Server.BaseAddress);

        var (status, _, location) = method == "GET" ? await console.GetAsync(path) : await console.PostAsync(path, []);

        Assert.Equal(303, status);
        var signIn = path.StartsWith("/api/", StringComparison.Ordinal) ? "/api/console/sign-in" : "/console/sign-in";
        Assert.StartsWith(signIn + "?", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_AsViewer_Is403AndNothingChanges()
    {
        var reviewId = await DoubtAsync(901);
        using var console = await ConsoleClient.SignedInAsync(hub.Server, "vera", OperatorRole.Viewer);
        var (_, item, _) = await console.GetAsync($"/console/review/{reviewId}");

        var (status, html, _) = await console.PostAsync($"/console/review/{reviewId}/accept", [new("_token", console.FormToken!)]);

        Assert.Contains("disabled", item, StringComparison.Ordinal);
        Assert.Equal(403, status);
        Assert.Contains("只读角色不能执行操作", html, StringComparison.Ordinal);
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM review_item WHERE review_id = {reviewId} AND decided_at IS NULL"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE actor = 'operator:vera' AND action = 'console.refused'"));
    }

    [Fact]
    public async Task Export_AsViewer_Is403AndNothingIsQueued()
    {
        using var console = await ConsoleClient.SignedInAsync(hub.Server, "vince", OperatorRole.Viewer, "/console/graduates?cohort=2026");
        var ledger = (await console.GetAsync("/console/graduates?cohort=2026")).Html;

        var (status, html, _) = await console.PostAsync("/console/exports", [new("_token", console.FormToken!), new("kind", "graduate-ledger"),
            new("filter", "cohort=2026&status=not-yet-placed"), new("purpose", "trying")]);

        Assert.Matches(DisabledExport(), ledger);
        Assert.Equal(403, status);
        Assert.Contains("只读角色不能执行操作", html, StringComparison.Ordinal);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM operator_export"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE actor = 'operator:vince' AND action = 'console.refused'"));
    }

    [Theory]
    [InlineData("kind", "everything")]
    [InlineData("filter", "cohort=1999")]
    [InlineData("filter", "cohort=2026&school=41")]
    [InlineData("purpose", "")]
    [InlineData("purpose", "case 110101199003071234")]
    public async Task Export_BadField_Is400AndNothingIsQueued(string field, string value)
    {
        using var console = await ConsoleClient.SignedInAsync(hub.Server, "edna", OperatorRole.Admin);
        var fields = new Dictionary<string, string> { ["kind"] = "graduate-ledger", ["filter"] = "cohort=2026", ["purpose"] = "follow-up" };
        fields[field] = value;

        var (status, html, _) = await console.PostAsync("/console/exports", [new("_token", console.FormToken!), .. fields]);

        Assert.Equal(400, status);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM operator_export"));
    }

    [Fact]
    public async Task Export_OfAnotherOperator_IsNotFound()
    {
        using var console = await ConsoleClient.SignedInAsync(hub.Server, "olga", OperatorRole.Admin);
        var (queued, _, location) = await console.PostAsync("/console/exports", [new("_token", console.FormToken!), new("kind", "graduate-ledger"),
            new("filter", "cohort=2026"), new("purpose", "follow-up")]);
        using var stranger = await ConsoleClient.SignedInAsync(hub.Server, "otto", OperatorRole.Admin);

        var (page, _, _) = await stranger.GetAsync(location!);
        var (file, _, _) = await stranger.GetAsync(location + "/file");

        Assert.Equal(303, queued);
        Assert.Equal(404, page);
        Assert.Equal(404, file);
        Assert.Equal(200, (await console.GetAsync(location!)).Status);
    }

    [Fact]
    public async Task Decide_WithoutOrWithAWrongAntiForgeryToken_Is403AndNothingChanges()
    {
        var reviewId = await DoubtAsync(902);
        using var console = await ConsoleClient.SignedInAsync(hub.Server, "ada", OperatorRole.Admin, $"/console/review/{reviewId}");

        var missing = await console.PostAsync($"/console/review/{reviewId}/accept", []);
        var wrong = await console.PostAsync($"/console/review/{reviewId}/accept", [new("_token", new string('0', 64))]);
        var right = await console.PostAsync($"/console/review/{reviewId}/accept", [new("_token", console.FormToken!)]);

        Assert.Equal(403, missing.Status);
        Assert.Equal(403, wrong.Status);
        Assert.Equal(303, right.Status);
        Assert.Equal(1, await hub.CountAsync($"SELECT count(*) FROM review_item WHERE review_id = {reviewId} AND decision = 'accepted'"));
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM audit_log WHERE actor = 'operator:ada' AND action = 'review.accept'"));
    }

    [Fact]
    public async Task SignIn_WithoutAntiForgeryToken_Is403()
    {
        var password = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "tess", OperatorRole.Admin);
        using var console = new ConsoleClient(hub.Server.BaseAddress);
        await console.GetAsync("/console/sign-in");

        var (status, _, _) = await console.PostAsync("/console/sign-in", [new("name", "tess"), new("password", password)]);

        Assert.Equal(403, status);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("https", true)]
    public async Task SignIn_SessionCookie_HttpOnlyStrictAndSecureOnlyBehindTls(string? forwardedProto, bool secure)
    {
        var password = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "cora" + (secure ? "-tls" : ""), OperatorRole.Viewer);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = hub.Server.BaseAddress };
        using var form = await client.GetAsync("/console/sign-in", TestContext.Current.CancellationToken);
        var preSession = form.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var token = preSession.Split('=')[1];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent([new("_token", token), new("name", "cora" + (secure ? "-tls" : "")), new("password", password)]),
        };
        request.Headers.Add("Cookie", preSession);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(303, (int)response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hub_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(secure, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenAgainstTheRightOne()
    {
        var password = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "lou", OperatorRole.Reviewer);
        using var console = new ConsoleClient(hub.Server.BaseAddress);

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await console.SignInAsync("lou", "not-the-password-" + i)).Status);
        }

        var right = await console.SignInAsync("lou", password);

        Assert.Equal([401, 401, 401, 401, 423], statuses);
        Assert.Equal(423, right.Status);
        Assert.Contains("已锁定", right.Html, StringComparison.Ordinal);
        Assert.Equal(1, await hub.CountAsync("SELECT count(*) FROM operator WHERE name = 'lou' AND locked_until > now()"));
        Assert.Equal(0, await hub.CountAsync("SELECT count(*) FROM operator_session WHERE operator = 'lou'"));
    }

    [Fact]
    public async Task Pages_AsViewer_ShowNoIdentityNumberWhereAnAdminSeesIt()
    {
        var reviewId = await DoubtAsync(903);
        var number = TaxRecords.IdNumber(903);
        var person = PersonId.Format(await hub.CountAsync("SELECT person_id FROM person_link WHERE record_id = 'hh-d-903'"));
        await hub.PostJsonAsync("ps", "household-registration", IntakeHarness.Sample("ps", "household-registration", "invalid"));
        var viewer = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "vic", OperatorRole.Viewer);
        var admin = await ConsoleClient.AddOperatorAsync(hub.Server.Services, "ann", OperatorRole.Admin);

        var seenByViewer = await PagesAsync("vic", viewer, number, person, reviewId);
        var seenByAdmin = await PagesAsync("ann", admin, number, person, reviewId);

        foreach (var (path, html) in seenByViewer)
        {
            Assert.False(IdNumberShape().IsMatch(html), $"{path} shows an identity number to a viewer");
        }

        Assert.Contains(number, seenByAdmin["person"], StringComparison.Ordinal);
        Assert.Contains(number[..4] + "**********" + number[^4..], seenByViewer["person"], StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> PagesAsync(string name, string password, string number, string person, long reviewId)
    {
        using var console = new ConsoleClient(hub.Server.BaseAddress);
        await console.SignInAsync(name, password);
        var pages = new Dictionary<string, string>();
        foreach (var path in new[] { "/console/", "/console/batches", "/console/review", $"/console/review/{reviewId}", "/console/persons",
                     "/console/subscriptions", $"/console/persons/{person}", "/console/graduates?cohort=2026", "/console/graduates/ratings?cohort=2026",
                     "/console/findings?department=ps", "/console/feeds" })
        {
            var (status, html, _) = await console.GetAsync(path);
            Assert.Equal(200, status);
            pages[path.EndsWith(person, StringComparison.Ordinal) ? "person" : path] = html;
        }

        var (_, batches, _) = await console.GetAsync("/console/batches?department=ps");
        foreach (Match link in BatchLink().Matches(batches))
        {
            pages[link.Value] = (await console.GetAsync(link.Value)).Html;
        }

        var (found, search, _) = await console.PostAsync("/console/persons/search",
            [new("_token", console.FormToken!), new("idNumber", number), new("purpose", "security test")]);
        Assert.Equal(200, found);
        Assert.Contains(person, search, StringComparison.Ordinal);
        pages["search"] = search;
        return pages;
    }

    /// <summary>A valid number whose name and birth date both disagree with its person: a review item.</summary>
    private async Task<long> DoubtAsync(int n)
    {
        var id = TaxRecords.IdNumber(n);
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"doubt-a-{n}", $"hh-d-{n}", id, "王芳", Households.BirthDate(id)));
        await hub.PostJsonAsync("ps", "household-registration", Households.Batch($"doubt-b-{n}", $"doubt-{n}", id, "赵强", "1970-01-01"));
        await hub.Server.Services.GetRequiredService<DeterministicLinker>().LinkAllAsync(TestContext.Current.CancellationToken);
        return await hub.CountAsync($"SELECT review_id FROM review_item WHERE record_id = 'doubt-{n}'");
    }

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx]")]
    private static partial Regex IdNumberShape();

    [GeneratedRegex("action=\"/console/exports\".*<button type=\"submit\" disabled>")]
    private static partial Regex DisabledExport();

    [GeneratedRegex("/console/batches/ps/[A-Za-z0-9._-]+")]
    private static partial Regex BatchLink();
}
