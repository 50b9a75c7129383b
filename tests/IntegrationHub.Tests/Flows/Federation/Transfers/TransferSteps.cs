using IntegrationHub.Identity;

namespace IntegrationHub.Tests.Flows.Federation.Transfers;

/// <summary>What the transfer tests do on a pair of hubs: put a person in one, request a transfer, wait for a status.</summary>
internal static class TransferSteps
{
    /// <summary>Sends an unemployment registration for the number to the hub (linked on arrival); returns the person id.</summary>
    public static async Task<string> SeedPersonAsync(HandlerProcess hub, string database, string idNumber, string recordId)
    {
        await SendAsync(hub, database, "hr", "employment-registration", new JsonObject
        {
            ["recordId"] = recordId, ["idNumber"] = idNumber, ["name"] = "汪建华", ["eventType"] = "unemployment", ["eventDate"] = "2026-11-05",
            ["registrationRegion"] = "500106",
        });
        return await PersonOfAsync(database, recordId);
    }

    /// <summary>Puts a person at A: the registration <c>ERT0{number}</c> for <see cref="TaxRecords.IdNumber"/> of the number;
    /// returns the person id.</summary>
    public static Task<string> SeedPersonAtAAsync(PeerHubs hubs, int number) =>
        SeedPersonAsync(hubs.A, hubs.DatabaseA, TaxRecords.IdNumber(number), $"ERT0{number}");

    /// <summary>Sends the records as one batch of the department's feed, with a department token of its own; the batch report.</summary>
    public static async Task<JsonObject> SendAsync(HandlerProcess hub, string database, string department, string feed, params JsonObject[] records)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var token = BearerToken.Create();
        await new CredentialStore(dataSource, TimeProvider.System).IssueAsync(department, PrincipalKind.Department, token, CancellationToken.None);
        var body = new StringBuilder()
            .Append($$"""{"batchId":"{{department}}-{{Guid.NewGuid():N}}","schemaVersion":"1","extractedAt":"2026-11-21T18:00:00+08:00","region":"500000"}""")
            .Append('\n');
        foreach (var record in records)
        {
            body.Append(record.ToJsonString()).Append('\n');
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/feeds/{department}/{feed}", UriKind.Relative))
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await hub.Client.SendAsync(request);
        var report = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, report);
        return JsonNode.Parse(report)!.AsObject();
    }

    /// <summary>The person a record was linked to (formatted).</summary>
    public static async Task<string> PersonOfAsync(string database, string recordId)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var find = dataSource.CreateCommand("SELECT person_id FROM person_link WHERE record_id = @r");
        find.Parameters.AddWithValue("r", recordId);
        return PersonId.Format((long)(await find.ExecuteScalarAsync())!);
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> RequestAsync(HandlerProcess hub, string token, string personId,
        string toRegion, string? id = null)
    {
        var json = new JsonObject { ["personId"] = personId, ["toRegion"] = toRegion, ["reason"] = "户籍迁往" + toRegion };
        if (id is not null)
        {
            json["id"] = id;
        }

        using var response = await PeerHubs.SendAsync(hub, HttpMethod.Post, "/api/transfers", token, json.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        ResponseCapture.Save(response.StatusCode == HttpStatusCode.Accepted ? "TransferAccepted" : "Error", text);
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Requests the person's transfer from A to B as A's admin; returns the transfer's id.</summary>
    public static async Task<string> RequestToBAsync(PeerHubs hubs, string personId) =>
        (string)(await RequestAsync(hubs.A, hubs.AdminTokenA, personId, PeerHubs.RegionB)).Body["id"]!;

    public static async Task<JsonObject?> ReadAsync(HandlerProcess hub, string token, string id)
    {
        using var response = await PeerHubs.SendAsync(hub, HttpMethod.Get, $"/api/transfers/{id}", token, null);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        ResponseCapture.Save("Transfer", text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Waits until the transfer has the status at the hub; fails with its last view after the timeout.</summary>
    public static async Task<JsonObject> WaitForAsync(HandlerProcess hub, string token, string id, string status, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonObject? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await ReadAsync(hub, token, id);
            if ((string?)view?["status"] == status)
            {
                return view!;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"transfer {id} did not become {status}; last seen: {view?.ToJsonString() ?? "nothing"}");
        return null!;
    }

    public static string[] History(JsonObject view) => [.. view["history"]!.AsArray().Select(s => (string)s!["status"]!)];

    public static async Task<long> CountAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the SQL count is at least <paramref name="atLeast"/>.</summary>
    public static async Task WaitCountAsync(string database, string sql, long atLeast, int seconds, params (string Name, object Value)[] parameters)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        long count = 0;
        while (DateTime.UtcNow < deadline)
        {
            count = await CountAsync(database, sql, parameters);
            if (count >= atLeast)
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"expected at least {atLeast} from {sql}, got {count}");
    }
}
