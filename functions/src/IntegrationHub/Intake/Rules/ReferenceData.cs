namespace IntegrationHub.Intake.Rules;

/// <summary>
/// The public reference files the hub reads at run time. They live outside the repository and may be missing:
/// the hub still validates without them, with the checks that need them off and a warning saying so.
/// </summary>
public sealed class ReferenceData
{
    public const string AreaCodesFileName = "gbt2260-areacodes.csv";

    private const string RegionChecksOff = "region and identity-number region checks are off";

    private ReferenceData(string? directory, AreaCodes areas, IReadOnlyList<string> warnings)
    {
        Directory = directory;
        Areas = areas;
        Warnings = warnings;
    }

    public string? Directory { get; }

    public AreaCodes Areas { get; }

    public IReadOnlyList<string> Warnings { get; }

    public static ReferenceData Load(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return new ReferenceData(null, AreaCodes.Unavailable, [$"no reference data directory configured: {RegionChecksOff}"]);
        }

        if (!System.IO.Directory.Exists(directory))
        {
            return new ReferenceData(directory, AreaCodes.Unavailable,
                [$"reference data directory {directory} not found: {RegionChecksOff}"]);
        }

        var path = Path.Combine(directory, AreaCodesFileName);
        if (!File.Exists(path))
        {
            return new ReferenceData(directory, AreaCodes.Unavailable, [$"reference data file {path} not found: {RegionChecksOff}"]);
        }

        try
        {
            return new ReferenceData(directory, AreaCodes.Load(path), []);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new ReferenceData(directory, AreaCodes.Unavailable,
                [$"reference data file {path} could not be read ({exception.Message}): {RegionChecksOff}"]);
        }
    }

    public static string? DefaultDirectory(string checkoutRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkoutRoot);
        var candidate = Path.GetFullPath(Path.Combine(checkoutRoot, "..", "shared", "data"));
        return System.IO.Directory.Exists(candidate) ? candidate : null;
    }
}
