using IntegrationHub.Events.Subscriptions;
using IntegrationHub.Handler.OperatorConsole.Pages;
using IntegrationHub.Identity.Review;

namespace IntegrationHub.Handler.OperatorConsole;

/// <summary>
/// <c>/console/...</c> (standalone) and <c>/api/console/...</c> (under the Functions host): the operators' web console. Every
/// page but sign-in needs a session; every form needs the session's anti-forgery token; a viewer's forms are refused.
/// </summary>
public sealed class ConsoleFunction(OperatorStore operators, ConsoleAudit audit, SignInPage signIn,
    DashboardPage dashboard, BatchesPage batches, ReviewPage review, SubscriptionsPage subscriptions, PersonsPage persons, ConsoleFlowRoutes flows)
    : IHttpFunction
{
    public async Task<IResult> InvokeAsync(HttpContext context)
    {
        var request = ConsoleRequest.From(context);
        ConsoleResults.ApplyHeaders(context);
        if (!request.IsPost && !HttpMethods.IsGet(context.Request.Method))
        {
            return ConsoleResults.Refusal(request, 405, request.Texts["not-found"]);
        }

        switch (request.Segments)
        {
            case ["static", var file] when !request.IsPost:
                return ConsoleAssets.Serve(file) ?? ConsoleResults.Refusal(request, 404, request.Texts["not-found"]);
            case ["lang"] when !request.IsPost:
                ConsoleResults.SetCookie(request, ConsoleResults.LanguageCookie, request.Query("to") == "en" ? "en" : "zh", TimeSpan.FromDays(365));
                return ConsoleResults.Redirect(request, SignInPage.SafeBack(request.Query("back")) ?? "");
        }

        await request.ReadFormAsync();
        if (request.Segments is ["sign-in"])
        {
            return request.IsPost ? await signIn.PostAsync(request) : signIn.Get(request);
        }

        var token = context.Request.Cookies[ConsoleResults.SessionCookie];
        request.Session = token is { Length: > 0 } ? await operators.ResolveAsync(token, request.Aborted) : null;
        if (request.Session is not { } session)
        {
            var back = SignInPage.SafeBack(request.Path) is { } path ? "&back=" + Uri.EscapeDataString(path) : "";
            return ConsoleResults.Redirect(request, "sign-in?expired=" + (token is { Length: > 0 } ? "1" : "0") + back);
        }

        if (request.IsPost)
        {
            if (!request.HasValidFormToken(session.FormToken))
            {
                await RefusedAsync(request, "anti-forgery-token");
                return ConsoleResults.Refusal(request, 403, request.Texts["forgery"]);
            }

            if (request.Segments is ["sign-out"])
            {
                await operators.SignOutAsync(token!, request.Aborted);
                ConsoleResults.DeleteCookie(request, ConsoleResults.SessionCookie);
                return ConsoleResults.Redirect(request, "sign-in");
            }

            if (!OperatorRoles.CanAct(session.Role) && request.Segments is not ["persons", "search"])
            {
                await RefusedAsync(request, "viewer");
                return ConsoleResults.Refusal(request, 403, request.Texts["forbidden.viewer"]);
            }
        }

        try
        {
            return await RouteAsync(request) ?? ConsoleResults.Refusal(request, 404, request.Texts["not-found"]);
        }
        catch (IdentityDecisionException e)
        {
            return ConsoleResults.Refusal(request, e.Status, e.Message);
        }
        catch (SubscriptionException e)
        {
            return ConsoleResults.Refusal(request, e.Status, e.Message);
        }
    }

    private Task<IResult?> RouteAsync(ConsoleRequest request) => (request.IsPost, request.Segments) switch
    {
        (false, []) => dashboard.GetAsync(request),
        (false, ["batches"]) => batches.ListAsync(request),
        (false, ["batches", var department, var batchId]) => batches.ReportAsync(request, department, batchId),
        (false, ["review"]) => review.ListAsync(request),
        (false, ["review", var id]) => review.ItemAsync(request, id),
        (true, ["review", var id, var decision]) => review.DecideAsync(request, id, decision),
        (false, ["persons"]) => persons.SearchFormAsync(request),
        (true, ["persons", "search"]) => persons.SearchAsync(request),
        (false, ["persons", var id]) => persons.PersonAsync(request, id),
        (true, ["persons", var id, var action]) => persons.ActAsync(request, id, action),
        (false, ["subscriptions"]) => subscriptions.ListAsync(request),
        (false, ["subscriptions", var name]) => subscriptions.SubscriptionAsync(request, name),
        (true, ["subscriptions", var name, "redrive"]) => subscriptions.RedriveAsync(request, name),
        _ => flows.RouteAsync(request),
    };

    /// <summary>A refused form is audited under the operator's name, with what it tried (the console path) and why not.</summary>
    private Task RefusedAsync(ConsoleRequest request, string reason) =>
        audit.AppendAsync(request, "console.refused", "console", null, new { path = SignInPage.SafeBack(request.Path) ?? "(withheld)", reason });
}
