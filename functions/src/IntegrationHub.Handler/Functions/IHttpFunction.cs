namespace IntegrationHub.Handler.Functions;

/// <summary>An HTTP-triggered function. Both the standalone route and the Functions host envelope call it with an HttpContext.</summary>
public interface IHttpFunction
{
    Task<IResult> InvokeAsync(HttpContext context);
}
