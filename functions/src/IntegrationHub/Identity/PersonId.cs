using System.Globalization;

namespace IntegrationHub.Identity;

/// <summary>How person ids are shown outside the hub: <c>P</c> and the number, which is never reused.</summary>
public static class PersonId
{
    public static string Format(long id) => "P" + id.ToString("D9", CultureInfo.InvariantCulture);
}
