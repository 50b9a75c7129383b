namespace IntegrationHub.Handler.Api;

/// <summary>The frame of an endpoint a bearer token opens: who may call, and what the endpoint refuses in the API's error
/// shape.</summary>
internal static class ApiGate
{
    /// <summary>Runs <paramref name="action"/> for the caller if <paramref name="allowed"/> lets it in (401 without a known
    /// token, 403 with <paramref name="forbidden"/> for anyone else); a refused JSON body answers its refusal.</summary>
    public static Task<IResult> RunAsync(HttpContext context, CredentialStore credentials, Func<Principal, bool> allowed, string forbidden,
        Func<Principal, Task<IResult>> action) =>
        RunAsync<JsonBodyException>(context, credentials, allowed, forbidden, action, JsonRefusal);

    /// <summary>As <see cref="RunAsync(HttpContext, CredentialStore, Func{Principal, bool}, string, Func{Principal, Task{IResult}})"/>,
    /// and a <typeparamref name="TRefusal"/> of the module behind the endpoint answers as <paramref name="refusal"/> says.
    /// <paramref name="audit"/>, where given, records each refusal of a known caller's request (the 401 and 403 aside).</summary>
    public static async Task<IResult> RunAsync<TRefusal>(HttpContext context, CredentialStore credentials, Func<Principal, bool> allowed,
        string forbidden, Func<Principal, Task<IResult>> action, Func<TRefusal, ApiError> refusal, Func<Principal, ApiError, Task>? audit = null)
        where TRefusal : Exception
    {
        var (principal, denied) = await BearerAuthentication.AuthorizeAsync(context, credentials, allowed, forbidden);
        if (principal is null)
        {
            return denied!;
        }

        ApiError error;
        try
        {
            return await action(principal);
        }
        catch (TRefusal refused)
        {
            error = refusal(refused);
        }
        catch (JsonBodyException refused)
        {
            error = JsonRefusal(refused);
        }

        if (audit is not null)
        {
            await audit(principal, error);
        }

        return ApiErrors.From(error);
    }

    private static ApiError JsonRefusal(JsonBodyException refused) => new(refused.Status, refused.Code, refused.Message, [refused.Error]);
}
