namespace IntegrationHub.Handler.Api.Auth;

/// <summary>The purpose a caller states for a read of personal data (<c>X-Purpose</c>), checked as the audit log needs it.</summary>
/// <remarks>Header values are ASCII: a purpose in Chinese comes percent-encoded as UTF-8 (what encodeURIComponent makes). The
/// check is <see cref="ReadPurpose.Problem"/>'s, so no endpoint records a purpose the audit log may not hold (an identity
/// number, control characters).</remarks>
internal static class RequestPurpose
{
    public const string Header = "X-Purpose";

    /// <summary>The pointer of the purpose in a refusal: the request's header.</summary>
    public const string Pointer = "/headers/X-Purpose";

    /// <summary>The purpose as stated, decoded and trimmed; empty when none was given.</summary>
    public static string Stated(HttpContext context) => Uri.UnescapeDataString(context.Request.Headers[Header].ToString()).Trim();

    /// <summary>A 400 naming the header when <paramref name="purpose"/> is missing or not one to record; null when it may be.</summary>
    public static ApiError? Refusal(string purpose) =>
        ReadPurpose.Problem(purpose) is { } problem
            ? new ApiError(400, problem.Code, problem.Message, [new FieldError(Pointer, problem.Code, problem.Message)])
            : null;
}
