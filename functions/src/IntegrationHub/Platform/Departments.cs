namespace IntegrationHub.Platform;

/// <summary>The departments that send feeds, by the code that names them in routes, credentials, queues and contracts.</summary>
/// <remarks>
/// hr: human resources and social security (人社); edu: education (教育); ps: public security (公安); ca: civil affairs
/// (民政); tax: taxation (税务). The contract folders (<c>contracts/feeds/{department}</c>), the queue functions and the
/// <c>./hub</c> script name the same five; tests hold them to this list.
/// </remarks>
public static class Departments
{
    public static IReadOnlyList<string> All { get; } = ["hr", "edu", "ps", "ca", "tax"];

    /// <summary>The codes as error messages list them: <c>hr, edu, ps, ca, tax</c>.</summary>
    public static string Listed { get; } = string.Join(", ", All);
}
