using IntegrationHub.Flows.Federation.Transfers;

namespace IntegrationHub.Handler.Api.Federation;

/// <summary>The HTTP status of each refusal of a transfer request or decision, and a transfer's public shape.</summary>
internal static class TransferStatusCodes
{
    public static int Of(TransferRefusalKind kind) => kind switch
    {
        TransferRefusalKind.NotFound => 404,
        TransferRefusalKind.Conflict => 409,
        _ => 400,
    };

    public static IResult Refused(TransferException refusal) =>
        ApiErrors.Create(Of(refusal.Kind), refusal.Code, refusal.Message, refusal.Field is null ? null : [refusal.Field]);

    public static object Shape(TransferView view) => new
    {
        id = view.Id,
        status = view.Status,
        statusReason = view.StatusReason,
        role = view.Role,
        peer = view.Peer,
        personId = view.PersonId,
        reason = view.Reason,
        trigger = view.Trigger,
        transferDate = view.TransferDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        attempts = view.Attempts,
        lastError = view.LastError,
        history = view.History.Select(s => new { status = s.Status, at = s.At, reason = s.Reason, messageId = s.MessageId }),
        graduate = view.Graduate,
    };
}
