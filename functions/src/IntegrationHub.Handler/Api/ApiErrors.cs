namespace IntegrationHub.Handler.Api;

/// <summary>Every refusal has the same shape: status, a stable code, a message and, where known, the fields at fault.</summary>
public static class ApiErrors
{
    public static IResult From(ApiError error) => TypedResults.Json(error, statusCode: error.Status);

    public static IResult Create(int status, string code, string message, IReadOnlyList<FieldError>? errors = null) =>
        From(new ApiError(status, code, message, errors));

    public static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Create(StatusCodes.Status401Unauthorized, "unauthorized", "A valid bearer token is required (Authorization: Bearer <token>).");
    }
}
