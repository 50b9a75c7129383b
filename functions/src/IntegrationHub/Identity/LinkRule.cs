namespace IntegrationHub.Identity;

/// <summary>A rule a link is made by: the word person_link.rule holds, and the method a link's explanation names it by.</summary>
/// <remarks>
/// The linkers and the reviewer write these words, the link query filters by them and explains a link by its method, so
/// each rule and its method are said once, here. A merge's rule is not one of them: it moves a person, not a link.
/// </remarks>
public sealed record LinkRule(string Word, string Method)
{
    /// <summary>The deterministic linker: the record's valid identity number is its person's.</summary>
    public static readonly LinkRule IdNumber = new("id-number", "deterministic");

    /// <summary>The matcher: a certain and unambiguous best candidate.</summary>
    public static readonly LinkRule Probabilistic = new("probabilistic", "probabilistic");

    /// <summary>The matcher: no candidate worth reviewing, so the record founded a person of its own.</summary>
    public static readonly LinkRule NewPerson = new("new-person", "new-person");

    /// <summary>A reviewer accepted the proposal.</summary>
    public static readonly LinkRule Review = new("review", "reviewer");

    /// <summary>A reviewer split the record off to a new person.</summary>
    public static readonly LinkRule Split = new("split", "split");

    public static IReadOnlyList<LinkRule> All { get; } = [IdNumber, Probabilistic, NewPerson, Review, Split];

    /// <summary>The rule a link row's word names; null for a word no rule writes.</summary>
    public static LinkRule? Of(string word) => All.FirstOrDefault(rule => rule.Word == word);
}
