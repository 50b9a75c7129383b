namespace IntegrationHub.Bench.Generation;

/// <summary>
/// How often one department gets each identity field wrong, as a probability per record (or per applicable record, where the
/// comment on the property says "of"). <see cref="For"/> holds the rates and the reasoning behind them.
/// </summary>
public sealed record CorruptionProfile(
    double IdMissing,
    double IdDigitMistyped,
    double IdDigitsTransposed,
    double IdLegacy15,
    double IdFullWidth,
    double IdLowerCaseX,
    double FormerIdNumber,
    double NameHomophone,
    double NameTraditional,
    double NameStraySpace,
    double NameMiddleDotVariant,
    double FormerNameUsed,
    double BirthDateDayMonthSwapped,
    double PhoneInternational)
{
    // The rates come from how each department's data is keyed, not from any matcher's results.
    //
    // ps (公安): the authority. Numbers are issued by its own system and checked when the ID card is made; names and dates are
    //   keyed once at the police station from the birth certificate and re-verified at every card renewal. Errors are rare
    //   (~1 in 2,000 for a keyed field); the number is required, never legacy (the 1999 upgrade rewrote every number), and
    //   former names are listed, not substituted.
    // hr (人社): social insurance master data is declared by employers' HR clerks and counter staff, often typed from paper
    //   forms or copied from old local systems migrated over the years. Single-key data entry studies put keying errors at
    //   0.5-1% per field; an 18-digit number is the longest field, so ~1.1% of numbers carry a keying error, and the usual
    //   split between single substitutions and adjacent transpositions is about 3:1. Legacy 15-digit numbers survive in
    //   accounts opened before 1999 (4% of records of people born before 1984). Many employer systems still key names with
    //   two-character padding ("张 伟") or whatever dot the input method produces for minority names.
    // edu (教育): enrolment records are checked against ps at admission (学籍 verification) and the graduate is young
    //   (never a legacy number); errors come from manual corrections and re-keyed rosters, about a third of hr's.
    // tax (税务): the natural-person tax system verifies most numbers against ps when the employee is first registered, but
    //   the employer's payroll still sends what it typed; foreigners and HK/Macao/Taiwan residents use other documents
    //   (missing here). Between edu and hr.
    // ca (民政): community workers key applications by hand, often for elderly applicants holding old cards (legacy numbers in
    //   10% of their records of people born before 1984, traditional characters written by older applicants) and for whom a
    //   neighbour filled in the form: the highest rates of all.
    // Across departments: a lower-case x is what a keyboard gives without shift (applies only to numbers ending in X); full-width
    // digits come from Chinese input methods left in full-width mode; homophones are the wrong candidate picked in a pinyin
    // input method (about 1 in 200 keyed names where names are keyed by clerks); a former name or a number that has since
    // changed is stale master data (a share of the people who have one, larger where records are older); day and month swap
    // only where a date is keyed (feeds with a birthDate) and only when both are at most 12; "+86 138 …" is how people
    // write their own number on forms.
    public static CorruptionProfile For(string department) => department switch
    {
        "ps" => new(0, 0.0005, 0.0002, 0, 0.0005, 0.02, 0, 0.0005, 0.0005, 0.002, 0.02, 0, 0.0002, 0),
        "hr" => new(0.01, 0.008, 0.003, 0.04, 0.005, 0.15, 0.40, 0.006, 0.002, 0.01, 0.40, 0.25, 0, 0.08),
        "edu" => new(0.005, 0.003, 0.001, 0, 0.003, 0.10, 0.20, 0.003, 0.001, 0.005, 0.30, 0.10, 0.003, 0.05),
        "tax" => new(0.003, 0.004, 0.0015, 0.01, 0.002, 0.05, 0.30, 0.004, 0.001, 0.008, 0.40, 0.15, 0, 0),
        "ca" => new(0.02, 0.012, 0.005, 0.10, 0.008, 0.20, 0.50, 0.01, 0.005, 0.015, 0.50, 0.30, 0, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, "no corruption profile"),
    };

    /// <summary>Within one feed a person's records share the feed's master data; this share of them is keyed afresh.</summary>
    public const double RekeyedWithinFeed = 0.10;
}
