using IntegrationHub.Flows.Policy.Catalogue;
using IntegrationHub.Identity;

namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>A subject of decisions: a person (stored by its bare id) or an employer (its credit code).</summary>
public readonly record struct SubjectKey(PolicySubject Kind, string Id)
{
    public string KindName => Kind == PolicySubject.Person ? "person" : "employer";

    /// <summary>The subject as it leaves the hub: <c>P000000650</c> for a person, the credit code for an employer.</summary>
    public string External => Kind == PolicySubject.Person ? PersonId.Format(long.Parse(Id, CultureInfo.InvariantCulture)) : Id;

    public long PersonNumber => long.Parse(Id, CultureInfo.InvariantCulture);

    public static SubjectKey Person(long id) => new(PolicySubject.Person, id.ToString(CultureInfo.InvariantCulture));

    public static SubjectKey Employer(string creditCode) => new(PolicySubject.Employer, creditCode);

    public static SubjectKey FromStored(string kind, string id) => new(kind == "person" ? PolicySubject.Person : PolicySubject.Employer,
        id);

    /// <summary>A subject as the API names it: a person id (<c>P…</c>) or an eighteen-character credit code; null otherwise.</summary>
    public static SubjectKey? Parse(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, PersonId.Pattern) && PersonId.TryParse(text, out var person) ? Person(person)
        : text.Length == 18 && text.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) ? Employer(text)
        : null;
}
