namespace IntegrationHub.Labor;

/// <summary>Configuration of labor facts (section <c>Labor</c>).</summary>
public sealed class LaborOptions
{
    public const string Section = "Labor";

    /// <summary>Months without evidence between two evidenced months that still count as one spell (a late payroll).</summary>
    public int GraceMonths { get; set; } = 1;

    /// <summary>A spell without a registered end ends when its last evidenced month is more than this many months before the
    /// current month (tax and insurance arrive a month or two late).</summary>
    public int StaleAfterMonths { get; set; } = 3;

    /// <summary>Registered unemployed for at least this many months: long-term unemployed.</summary>
    public int LongTermUnemployedMonths { get; set; } = 12;

    /// <summary>Registered unemployed women from this age are in the age-40-50 category.</summary>
    public int OlderWomenAge { get; set; } = 40;

    /// <summary>Registered unemployed men from this age are in the age-40-50 category.</summary>
    public int OlderMenAge { get; set; } = 50;

    /// <summary>The difficulty categories the hub derives (empty: all six); the others are neither derived nor announced.</summary>
    public IList<string> DifficultyCategories { get; } = [];

    /// <summary>Working age, inclusive bounds in whole years. Unknown sex takes the men's bounds.</summary>
    public int WorkingAgeFrom { get; set; } = 16;

    public int WorkingAgeToMen { get; set; } = 59;

    public int WorkingAgeToWomen { get; set; } = 54;

    /// <summary>A graduate whose destination is further study counts as in study for this many years after graduating.</summary>
    public int FurtherStudyYears { get; set; } = 3;

    /// <summary>A graduate fact stays open (followed, in the ledger when unplaced) for this many years after graduating (离校2年内).</summary>
    public int GraduateOpenYears { get; set; } = 2;

    /// <summary>Destination verification looks for evidence of the claimed work from this many months before graduation...</summary>
    public int VerificationMonthsBefore { get; set; } = 6;

    /// <summary>...to this many months after it.</summary>
    public int VerificationMonthsAfter { get; set; } = 3;

    /// <summary>Persons (or households) recomputed per transaction. It bounds the longest stretch the worker works without a
    /// rest: a chunk of persons with long histories is a burst of work for both cores.</summary>
    public int ChunkSize { get; set; } = 50;

    /// <summary>The share of its time a labor worker spends working while it catches up: after a chunk that took t it rests
    /// t × (1 − d) / d. 1 never rests. Labor facts are not urgent, and a burst of them competes with intake for the cores.</summary>
    public double DutyCycle { get; set; } = 0.5;

    /// <summary>The labor timer waits while more lines than this are stored but not yet linked (a large load).</summary>
    public long WaitWhileUnlinkedAbove { get; set; } = 10_000;

    /// <summary>How long the labor timer waits for a large load at most, before it recomputes anyway.</summary>
    public TimeSpan MaxWaitForLinking { get; set; } = TimeSpan.FromMinutes(5);
}
