using IntegrationHub.Intake.Validation;
using Npgsql;

namespace IntegrationHub.Intake.Storage;

/// <summary>
/// A new batch whose every line has just been stored in <see cref="Transaction"/> (not yet committed): its lines run from 1 to
/// <see cref="StoredThrough"/>, and <see cref="Accepted"/> holds the records stored as new versions, in line order.
/// </summary>
public sealed record ArrivedBatch(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    string Department,
    string BatchId,
    string Feed,
    int StoredThrough,
    IReadOnlyList<(ProcessedRecord Record, int Version)> Accepted);
