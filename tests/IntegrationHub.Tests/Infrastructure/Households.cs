namespace IntegrationHub.Tests.Infrastructure;

/// <summary>Public security household-registration batches for identity tests.</summary>
public static class Households
{
    public static string BirthDate(string id) => $"{id[6..10]}-{id[10..12]}-{id[12..14]}";

    public static string Batch(string batchId, string recordId, string id, string name, string birthDate) =>
        $$"""
        {"batchId":"{{batchId}}","schemaVersion":"1","extractedAt":"2026-11-20T18:00:00+08:00","region":"500000","records":[
          {"recordId":"{{recordId}}","idNumber":"{{id}}","name":"{{name}}","gender":"{{((id[16] - '0') % 2 == 1 ? "1" : "2")}}",
           "birthDate":"{{birthDate}}","ethnicity":"01","hukouRegion":"500103","hukouAddress":"重庆市渝中区解放碑街道1号",
           "householdNumber":"500103-000123","changeType":"move-in","changeDate":"2026-10-01"}]}
        """;
}
