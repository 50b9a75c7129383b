using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary>The HTTP status of each refusal of a transfer request or decision.</summary>
internal static class TransferStatusCodes
{
    public static int Of(TransferRefusalKind kind) => kind switch
    {
        TransferRefusalKind.NotFound => 404,
        TransferRefusalKind.Conflict => 409,
        _ => 400,
    };

    public static ApiError Refusal(TransferException refusal) =>
        new(Of(refusal.Kind), refusal.Code, refusal.Message, refusal.Errors);
}
