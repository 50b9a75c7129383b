using IntegrationHub.Handler.OperatorConsole.Pages;

namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>The console's pages over the flows (graduates), routed apart from the hub's own pages.</summary>
public sealed class ConsoleFlowRoutes(GraduatesPage graduates)
{
    public Task<IResult?> RouteAsync(ConsoleRequest request) => (request.IsPost, request.Segments) switch
    {
        (false, ["graduates"]) => graduates.LedgerAsync(request),
        (false, ["graduates", "ratings"]) => graduates.RatingsAsync(request),
        _ => Task.FromResult<IResult?>(null),
    };
}
