namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (pointed at the executable: Playwright's own browser download cannot
/// run here), one browser per test class; pages at 1366x768, the console's smallest screen. Screenshots are kept as test
/// artifacts in <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, Uri hub)
    {
        this.playwright = playwright;
        this.browser = browser;
        Hub = hub;
    }

    public Uri Hub { get; }

    /// <summary>HUB_CHROMIUM (./hub test sets it after installing Debian's chromium), else /usr/bin/chromium.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("HUB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Under ./hub test's results (git-ignored .hub/test-results/console-screenshots), or HUB_TEST_SCREENSHOTS.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("HUB_TEST_SCREENSHOTS") is { Length: > 0 } directory
            ? directory
            : Path.Combine(RepositoryPaths.Root, ".hub", "test-results", "console-screenshots");

    public static async Task<ConsoleBrowser> LaunchAsync(Uri hub)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: ./hub test installs Debian's chromium (apt-get install chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return new ConsoleBrowser(playwright, browser, hub);
    }

    /// <summary>A fresh browser context (no cookies) at 1366x768, every dialog (the console's confirmations) accepted.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Hub.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>Opens the console, is sent to sign-in, signs in; returns on the page signing in leads to.</summary>
    public static async Task SignInAsync(IPage page, string name, string password, string path = "/console/")
    {
        await page.GotoAsync(path);
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        // Wait until the page has left sign-in, then for the new page's heading. Playwright's URL and load-state waits
        // timed out on fresh clones (three times, each a different test, with the page already there: a redirect that
        // commits before the wait starts leaves it waiting for a load event already gone), so the URL is polled instead;
        // the element waits that every later action makes are what the tests rely on.
        var waited = Stopwatch.StartNew();
        while (new Uri(page.Url).AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"signing in as {name} did not leave {page.Url} within 60 s");
            }

            await Task.Delay(100);
        }

        await page.WaitForSelectorAsync("main h1", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
