using IntegrationHub.Flows.Exchange.Findings;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Handler.Api.DepartmentExchange;

/// <summary>The paging of a department's findings: <c>limit</c> (1 to <see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>)
/// and the opaque <c>after</c> cursor of the previous page's <c>next</c> link.</summary>
internal static class FindingsPage
{
    public const int DefaultLimit = 500;

    public const int MaxLimit = 1000;

    public static (FindingCursor? After, int Limit) Read(IQueryCollection query, List<FieldError> errors)
    {
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add(new FieldError("/query/limit", "range", $"limit must be a whole number from 1 to {MaxLimit}."));
            limit = DefaultLimit;
        }

        FindingCursor? after = null;
        if (query["after"].ToString() is { Length: > 0 } afterText)
        {
            if (FindingCursor.TryDecode(afterText, out var cursor))
            {
                after = cursor;
            }
            else
            {
                errors.Add(new FieldError("/query/after", "invalid-cursor", "after must be the cursor of a next link, unchanged."));
            }
        }

        return (after, limit);
    }

    /// <summary>The link to the page after <paramref name="cursor"/>: this request's path and parameters, <c>after</c> replaced.</summary>
    public static string Next(HttpContext context, FindingCursor cursor)
    {
        var parameters = context.Request.Query.Where(q => q.Key != "after").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        parameters["after"] = cursor.Encode();
        return QueryHelpers.AddQueryString(context.Request.Path.ToString(), parameters);
    }
}
