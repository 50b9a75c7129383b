namespace IntegrationHub.Tests.Flows.Policy;

/// <summary>A temporary policy folder holding the shipped schema and the policy files a test writes.</summary>
public sealed class PolicyFolder : IDisposable
{
    public PolicyFolder(bool withShippedPolicies = false)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hub-policies-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.EnumerateFiles(Shipped, "*.json")
                     .Where(f => withShippedPolicies || System.IO.Path.GetFileName(f) == "policy.schema.json"))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public static string Shipped => System.IO.Path.Combine(RepositoryPaths.Root, "contracts", "policies");

    public string Path { get; }

    /// <summary><paramref name="id"/>, checked to be the id of a policy the hub ships: a misspelt id fails here instead of
    /// leaving a test to pass on a policy that does not exist.</summary>
    public static string ShippedId(string id) => File.Exists(System.IO.Path.Combine(Shipped, id + ".v1.json"))
        ? id
        : throw new ArgumentException($"The hub ships no policy {id} (contracts/policies).", nameof(id));

    public static JsonObject ShippedPolicy(string id) =>
        JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Shipped, id + ".v1.json")))!.AsObject();

    /// <summary>A small valid person policy to vary.</summary>
    public static JsonObject Minimal(string id = "test-policy", int version = 1) => new()
    {
        ["id"] = id,
        ["version"] = version,
        ["name"] = new JsonObject { ["zh"] = "测试政策", ["en"] = "Test policy" },
        ["legalBasis"] = new JsonArray(new JsonObject { ["document"] = "测试文件", ["article"] = "第一条" }),
        ["regions"] = new JsonArray("50"),
        ["subject"] = "person",
        ["effectiveFrom"] = "2020-01-01",
        ["rule"] = new JsonObject { ["fact"] = "household.zeroEmployment", ["eq"] = true },
    };

    public void Write(string file, JsonObject policy) => Write(file, policy.ToJsonString());

    public void Write(string file, string text) => File.WriteAllText(System.IO.Path.Combine(Path, file), text);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
