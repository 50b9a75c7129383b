namespace IntegrationHub.Intake.Exchange;

/// <summary>The status numbers the exchange's reports give: the ones HTTP answers with, which the handler decides.</summary>
/// <remarks>
/// The <c>failed/</c> report's format (docs/exchange-folder.md) carries a status beside the code. Intake names only the kind
/// of a refusal; the numbers come from the one mapping the handler keeps, so a file and a request refused for the same reason
/// say the same.
/// </remarks>
public interface IExchangeStatuses
{
    /// <summary>The status of a batch taken.</summary>
    int Taken { get; }

    int Of(RefusalKind refusal);
}
