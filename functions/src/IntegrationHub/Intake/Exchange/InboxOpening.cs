namespace IntegrationHub.Intake.Exchange;

/// <summary>What opening an inbox entry gave: the file, or why it was not opened (and so not read).</summary>
internal readonly record struct InboxOpening(InboxFile? File, string? Refusal)
{
    /// <summary>The entry is gone: another hub instance took it, or its department removed it.</summary>
    public const string Gone = "gone";

    /// <summary>A symbolic link, a pipe, a device, a folder, or a file whose real path is not where it was listed.</summary>
    public const string NotRegular = "not-a-regular-file";

    /// <summary>A regular file that also exists under another name, possibly outside the inbox.</summary>
    public const string HardLinked = "hard-linked";

    public static InboxOpening Opened(InboxFile file) => new(file, null);

    public static InboxOpening Refused(string refusal) => new(null, refusal);
}
