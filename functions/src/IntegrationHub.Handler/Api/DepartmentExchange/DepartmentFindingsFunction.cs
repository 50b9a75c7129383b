using IntegrationHub.Flows.Exchange.Findings;
using IntegrationHub.Flows.Exchange.Rules;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary><c>GET /api/departments/{department}/findings?since=&amp;rule=&amp;status=&amp;limit=&amp;after=</c>: the department's own
/// comparison findings, changed after <c>since</c>, of one rule, open or resolved, a page of <c>limit</c> at a time with a
/// <c>next</c> link while more follow.</summary>
public sealed class DepartmentFindingsFunction(CredentialStore credentials, FindingQueries queries, RuleCatalog rules) : IHttpFunction
{
    public Task<IResult> InvokeAsync(HttpContext context) => DepartmentApi.RunAsync(context, credentials, async (principal, department) =>
    {
        var query = context.Request.Query;
        var errors = new List<FieldError>();
        DateTimeOffset? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            if (DateTimeOffset.TryParseExact(sinceText, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                since = parsed;
            }
            else
            {
                errors.Add(new FieldError("/query/since", "invalid-instant", "since must be an RFC 3339 instant with an offset (2026-11-20T02:00:00+08:00)."));
            }
        }

        var rule = query["rule"].ToString() is { Length: > 0 } ruleText ? ruleText : null;
        if (rule is not null && rules.Find(rule) is null)
        {
            errors.Add(new FieldError("/query/rule", "unknown-rule", $"rule must be one of: {string.Join(", ", rules.Rules.Select(r => r.Id))}."));
        }

        bool? open = query["status"].ToString() switch
        {
            "" => null,
            "open" => true,
            "resolved" => false,
            _ => null,
        };
        if (query["status"].ToString() is { Length: > 0 } status && status is not ("open" or "resolved"))
        {
            errors.Add(new FieldError("/query/status", "invalid-status", "status must be open or resolved."));
        }

        var (after, limit) = FindingsPage.Read(query, errors);
        if (errors.Count > 0)
        {
            return ApiErrors.Create(400, "invalid-query", "The query parameters are not valid.", errors);
        }

        var (page, more) = await queries.PageAsync(department, new FindingFilter(since, rule, open, after, limit), principal.Name,
            DepartmentApi.Purpose(context), context.RequestAborted);
        var next = more ? FindingsPage.Next(context, FindingCursor.Of(page[^1])) : null;
        return TypedResults.Json(new { department, count = page.Count, findings = page, next });
    });
}
