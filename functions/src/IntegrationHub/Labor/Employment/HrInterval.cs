using IntegrationHub.Labor.Evidence;

namespace IntegrationHub.Labor.Employment;

/// <summary>HR's employment registration with an employer, from its start until its registered end (null: not ended).</summary>
internal sealed record HrInterval(string Employer, DateOnly Start, DateOnly? End, string Form, List<SourceRef> Sources)
{
    public Month FirstMonth => Month.Of(Start);

    public Month LastMonth(Month current) => End is { } end && Month.Of(end) < current ? Month.Of(end) : current;

    public bool Overlaps(Month from, Month last, Month current) => FirstMonth <= last && LastMonth(current) >= from;
}
