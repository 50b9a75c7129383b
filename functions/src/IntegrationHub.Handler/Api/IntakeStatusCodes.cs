using IntegrationHub.Intake;
using IntegrationHub.Intake.Exchange;

namespace IntegrationHub.Handler.Api;

/// <summary>The one place intake's refusals become HTTP statuses: for the API's replies and the exchange folder's reports.</summary>
public sealed class IntakeStatusCodes : IExchangeStatuses
{
    public static IntakeStatusCodes Instance { get; } = new();

    public int Taken => StatusCodes.Status200OK;

    public int Of(RefusalKind refusal) => For(refusal);

    public static int For(RefusalKind refusal) => refusal switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.UnknownFeed => StatusCodes.Status404NotFound,
        RefusalKind.Conflict or RefusalKind.Busy => StatusCodes.Status409Conflict,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.TooManyRejections => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ApiError ApiError(IntakeError error) => new(For(error.Kind), error.Code, error.Message, error.Errors);
}
