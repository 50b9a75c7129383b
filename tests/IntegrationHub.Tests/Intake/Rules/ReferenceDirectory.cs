using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Tests.Intake.Rules;

/// <summary>Finds the shared reference data beside the checkout; it is never copied into the repository.</summary>
internal static class ReferenceDirectory
{
    public static string CheckoutRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains IntegrationHub.sln");
    }

    public static string Locate() =>
        ReferenceData.DefaultDirectory(CheckoutRoot())
        ?? throw new InvalidOperationException($"the reference data directory ../shared/data beside {CheckoutRoot()} is missing");
}
