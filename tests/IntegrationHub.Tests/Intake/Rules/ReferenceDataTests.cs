using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

public sealed class ReferenceDataTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Load_NoDirectory_IsUnavailableWithWarning(string? directory)
    {
        var data = ReferenceData.Load(directory);

        Assert.Null(data.Directory);
        Assert.False(data.Areas.IsAvailable);
        Assert.Contains("region", Assert.Single(data.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDirectory_IsUnavailableWithWarningNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"hub-missing-{Guid.NewGuid():N}");

        var data = ReferenceData.Load(missing);

        Assert.False(data.Areas.IsAvailable);
        var warning = Assert.Single(data.Warnings);
        Assert.Contains(missing, warning, StringComparison.Ordinal);
        Assert.Contains("not found", warning, StringComparison.Ordinal);
        Assert.Contains("region and identity-number region checks are off", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DirectoryWithoutAreaCodes_IsUnavailableWithWarningNamingTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("hub-refdata-");
        try
        {
            var data = ReferenceData.Load(directory.FullName);

            Assert.Equal(directory.FullName, data.Directory);
            Assert.False(data.Areas.IsAvailable);
            Assert.Contains(ReferenceData.AreaCodesFileName, Assert.Single(data.Warnings), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public void Load_MalformedAreaCodes_IsUnavailableWithWarningInsteadOfThrowing()
    {
        var directory = Directory.CreateTempSubdirectory("hub-refdata-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, ReferenceData.AreaCodesFileName), "code\nnot,a,row\n");

            var data = ReferenceData.Load(directory.FullName);

            Assert.False(data.Areas.IsAvailable);
            Assert.Contains("could not be read", Assert.Single(data.Warnings), StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public void Load_SharedReferenceDirectory_IsAvailableWithoutWarnings()
    {
        var data = ReferenceData.Load(ReferenceDirectory.Locate());

        Assert.True(data.Areas.IsAvailable);
        Assert.Empty(data.Warnings);
        Assert.Equal(AreaCodeStatus.Current, data.Areas.Lookup("510107").Status);
    }

    [Fact]
    public void DefaultDirectory_Checkout_IsSharedDataBesideIt()
    {
        var root = ReferenceDirectory.CheckoutRoot();

        var directory = ReferenceData.DefaultDirectory(root);

        Assert.Equal(Path.GetFullPath(Path.Combine(root, "..", "shared", "data")), directory);
    }

    [Fact]
    public void DefaultDirectory_NoSharedDataBeside_IsNull()
    {
        var directory = Directory.CreateTempSubdirectory("hub-checkout-");
        try
        {
            Assert.Null(ReferenceData.DefaultDirectory(Path.Combine(directory.FullName, "repo")));
        }
        finally
        {
            directory.Delete(true);
        }
    }
}
