namespace IntegrationHub.Tests.Intake.Exchange;

/// <summary>Tests of a feed folder opener on a scratch directory of their own, deleted after each test.</summary>
/// <remarks>The inbox holds <c>tax/wage-withholding</c>; beside it, outside, are files and a <c>wage-withholding</c> folder
/// for links to point at.</remarks>
public abstract class FeedFolderScratch : IDisposable
{
    protected readonly string directory = Path.Combine(Path.GetTempPath(), "hub-feedfolder-" + Guid.NewGuid().ToString("N"));

    protected FeedFolderScratch()
    {
        Directory.CreateDirectory(Path.Combine(Inbox, "tax", "wage-withholding"));
        Directory.CreateDirectory(Path.Combine(Outside, "wage-withholding"));
        File.WriteAllText(Path.Combine(Outside, "wage-withholding", "outside.json"), "{}");
        File.WriteAllText(Path.Combine(Outside, "secret.json"), "{}");
    }

    protected string Inbox => Path.Combine(directory, "inbox");

    protected string Outside => Path.Combine(directory, "outside");

    public void Dispose()
    {
        Directory.Delete(directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
