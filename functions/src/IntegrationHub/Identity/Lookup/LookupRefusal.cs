namespace IntegrationHub.Identity.Lookup;

/// <summary>Why a read was refused; the handler turns each into its HTTP status.</summary>
public enum LookupRefusal
{
    /// <summary>The question is malformed (a bad id number, date, score, rule, cursor...): 400.</summary>
    InvalidInput,

    /// <summary>No such person, record or link: 404.</summary>
    NotFound,

    /// <summary>The question has more than one answer (a recordId in two feeds that lead to two persons): 409.</summary>
    Ambiguous,
}
