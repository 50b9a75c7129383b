using IntegrationHub.Intake.Feeds;

namespace IntegrationHub.Tests.Platform;

/// <summary>The places that name the departments without reading <see cref="Departments"/> name the same ones.</summary>
public sealed partial class DepartmentsTests
{
    [Fact]
    public void HubScript_CredentialsLine_NamesTheDepartmentsInOrder()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "hub"));

        var match = CredentialsLine().Match(script);

        Assert.True(match.Success, "./hub's summary no longer says which departments get a bearer token.");
        Assert.Equal(Departments.All, match.Groups["departments"].Value.Split(", "));
    }

    [Fact]
    public async Task Contracts_FeedFolders_AreTheDepartments()
    {
        var catalog = await FeedCatalog.LoadAsync(Path.Combine(RepositoryPaths.Root, "contracts"), TestContext.Current.CancellationToken);

        Assert.Equal(Departments.All.Order(), catalog.Feeds.Select(f => f.Department).Distinct().Order());
    }

    [Fact]
    public void Listed_IsTheCodesAsErrorMessagesNameThem()
    {
        Assert.Equal("hr, edu, ps, ca, tax", Departments.Listed);
    }

    [GeneratedRegex(@"bearer tokens for (?<departments>[a-z]+(?:, [a-z]+)*) and admin")]
    private static partial Regex CredentialsLine();
}
