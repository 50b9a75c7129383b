namespace IntegrationHub.Identity;

/// <summary>Why identity doubts a record's person and asks a reviewer: review_item.reason.</summary>
public static class ReviewReasons
{
    /// <summary>The deterministic linker: the number names a person whose name and birth date both differ from the record's.</summary>
    public const string NumberButNameAndBirthDateDisagree = "id-number-but-name-and-birth-date-disagree";

    /// <summary>The matcher: the best candidate scored probable.</summary>
    public const string Probable = "probable";

    /// <summary>The matcher: the best candidate scored only possible.</summary>
    public const string Possible = "possible";
}
