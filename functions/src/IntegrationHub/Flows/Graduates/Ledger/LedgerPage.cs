using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Flows.Graduates.Ledger;

/// <summary>One page of the ledger: its entries in person order, how many entries the ledger has in all and ahead of the page,
/// and the keys of its first and last entries (where the pages before and after it start).</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Entries, long Total, long Ahead, GraduateKey? First, GraduateKey? Last);
