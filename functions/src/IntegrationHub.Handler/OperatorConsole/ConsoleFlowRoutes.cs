using IntegrationHub.Handler.OperatorConsole.Pages;

namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>The console's pages over the flows (graduates and their exports, the exchange's findings and feeds), routed apart from the hub's own.</summary>
public sealed class ConsoleFlowRoutes(GraduatesPage graduates, FindingsPage findings, FeedsPage feeds, ExportsPage exports)
{
    public Task<IResult?> RouteAsync(ConsoleRequest request) => (request.IsPost, request.Segments) switch
    {
        (false, ["graduates"]) => graduates.LedgerAsync(request),
        (false, ["graduates", "ratings"]) => graduates.RatingsAsync(request),
        (false, ["findings"]) => findings.ListAsync(request),
        (false, ["feeds"]) => feeds.ListAsync(request),
        (true, ["exports"]) => exports.QueueAsync(request),
        (false, ["exports", var id]) => exports.ExportAsync(request, id),
        (false, ["exports", var id, "file"]) => exports.FileAsync(request, id),
        _ => Task.FromResult<IResult?>(null),
    };
}
