namespace IntegrationHub.Intake.Validation;

/// <summary>
/// One record after validation and normalization, ready to store. An accepted record carries its normalized payload
/// (identity numbers removed from it) and the numbers encrypted with their blind index; a rejected one its errors and
/// the record as sent, encrypted.
/// </summary>
public sealed class ProcessedRecord
{
    public required int Line { get; init; }

    public required string? RecordId { get; init; }

    public required bool Rejected { get; init; }

    public required IReadOnlyList<FieldError> Problems { get; init; }

    /// <summary>SHA-256 of the record's bytes as sent: a re-sent batch must match line for line.</summary>
    public required byte[] LineHash { get; init; }

    public byte[]? Payload { get; init; }

    /// <summary>SHA-256 of the normalized content: equal hashes for one recordId mean "unchanged".</summary>
    public byte[]? ContentHash { get; init; }

    public byte[]? IdNumberCipher { get; init; }

    public byte[]? IdNumberIndex { get; init; }

    public bool? IdNumberValid { get; init; }

    public byte[]? FormerIdCipher { get; init; }

    public byte[]? FormerIdIndex { get; init; }

    public byte[]? RawCipher { get; init; }
}
