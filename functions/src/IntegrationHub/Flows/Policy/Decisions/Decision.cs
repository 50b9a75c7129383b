using IntegrationHub.Labor;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>One policy's decision for one subject: eligible or not, why (reasons and the full explanation), the months
/// counted against a cap, and the next day the calendar alone may change it.</summary>
public sealed record Decision(
    string PolicyId,
    int Version,
    string ContentHash,
    SubjectKey Subject,
    bool Eligible,
    int? MonthsGranted,
    Month? CountedThrough,
    JsonArray Reasons,
    JsonObject Explanation,
    DateOnly? ReevaluateOn);
