namespace IntegrationHub.Tests.Handler.Api.Graduates;

/// <summary>GETs of the graduate API over real HTTP, each answer kept for the OpenAPI check under its schema's name.</summary>
public static class GraduateApi
{
    public static async Task<IntakeHarness.Response> GetAsync(IntakeHarness hub, string path, string? token, string? purpose = "follow-up",
        string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (purpose is not null)
        {
            request.Headers.Add("X-Purpose", purpose);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await IntakeHarness.Response.ReadAsync(await hub.Server.Client.SendAsync(request, TestContext.Current.CancellationToken));
        var ndjson = accept == "application/x-ndjson" || path.Contains("format=ndjson", StringComparison.Ordinal);
        var schema = response.Status != 200 ? "Error"
            : path.StartsWith("/api/graduates/ledger", StringComparison.Ordinal) ? ndjson ? "GraduateLedgerEntry" : "GraduateLedger"
            : path.StartsWith("/api/graduates/indicators", StringComparison.Ordinal) ? "GraduateIndicators"
            : path.StartsWith("/api/graduates/ratings", StringComparison.Ordinal) ? "GraduateRatings"
            : ndjson ? "EduGraduateVerificationLine" : "EduGraduateVerification";
        if (ndjson && response.Status == 200)
        {
            foreach (var line in response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                ResponseCapture.Save(schema, line);
            }
        }
        else
        {
            ResponseCapture.Save(schema, response.Body);
        }

        return response;
    }
}
