namespace IntegrationHub.Flows.Policy.Rules;

/// <summary>Every fact a policy rule may name, with its type and meaning; docs/policy.md lists the same.</summary>
/// <remarks>Person facts are also employee facts (inside <c>employees</c>), which add the <c>spell.*</c> facts of the
/// employee's spell with the employer. A fact whose value is unknown (no birth date, no graduate record) makes every
/// comparison on it false.</remarks>
public static class FactNames
{
    public static IReadOnlyList<FactDefinition> All { get; } =
    [
        Person("person.age", FactType.Number, "whole years of age today"),
        Person("person.gender", FactType.Text, "sex, GB/T 2261.1: 1 male, 2 female"),
        Person("person.workingAge", FactType.Boolean, "of working age today (Labor:WorkingAgeFrom to the sex's upper bound)"),
        Person("person.hukouRegion", FactType.Text, "the six-digit GB/T 2260 code of the hukou region (public security)"),
        Person("person.disabled", FactType.Boolean, "has a disability (difficulty category disabled, or education's disabled flag)"),
        Person("person.hardshipFamily", FactType.Boolean,
            "from a hardship family: education's hardshipFamily flag, minimum-living assistance or a zero-employment family"),
        Person("graduate.known", FactType.Boolean, "education lists the person as a graduate (labor fact graduate)"),
        Person("graduate.status", FactType.Text, "placed | further-study | enlisted | not-yet-placed"),
        Person("graduate.educationLevel", FactType.Text, "education level code of the graduation"),
        Person("graduate.placementForm", FactType.Text, "the form of the placement (employment form), when placed"),
        Person("graduate.monthsSinceGraduation", FactType.Number,
            "whole months since the graduation date (24 on the day two years after graduating)"),
        Person("graduate.yearsSinceGraduationYear", FactType.Number, "this year minus the graduation year: 0 this year's graduates"),
        Person("graduate.hardshipFamily", FactType.Boolean, "education's hardshipFamily flag"),
        Person("graduate.disabled", FactType.Boolean, "education's disabled flag"),
        Person("employment.employed", FactType.Boolean, "has an open employment spell"),
        Person("employment.withEmployer", FactType.Boolean, "has an open spell with an employer (a credit code)"),
        Person("employment.flexible", FactType.Boolean, "has an open spell in the flexible form"),
        Person("employment.forms", FactType.TextSet, "the forms of the open spells"),
        Person("employment.selfPaidInsuranceMonths", FactType.Number,
            "months of the person's spells without employer (self-paid insurance), to this month"),
        Person("unemployment.registered", FactType.Boolean, "registered unemployed now (an open registration)"),
        Person("unemployment.months", FactType.Number, "whole months since the open registration"),
        Person("unemployment.registrationRegion", FactType.Text, "the region of the open registration"),
        Person("difficulty.categories", FactType.TextSet, "the employment-difficulty categories the person is in now"),
        Person("household.zeroEmployment", FactType.Boolean, "member of a zero-employment household"),
        Employer("employer.creditCode", FactType.Text, "the unified social credit code"),
        Employer("employer.creditCodeValid", FactType.Boolean, "the credit code passes GB 32100's check character"),
        Employer("employer.registrationRegion", FactType.Text, "the registration region: characters 3 to 8 of the credit code"),
        Employer("employer.employees", FactType.Number, "persons with an open spell at the employer"),
        Employee("spell.open", FactType.Boolean, "the spell with this employer is open"),
        Employee("spell.form", FactType.Text, "the spell's employment form"),
        Employee("spell.employerInsured", FactType.Boolean, "HR's social-insurance records of this employer back the spell"),
        Employee("spell.monthsSinceStart", FactType.Number, "whole months from the spell's first month to this month"),
        Employee("spell.startedMonthsAfterGraduation", FactType.Number,
            "months from the graduation month to the spell's first month (0 the month of graduating)"),
        Employee("spell.wasRegisteredUnemployed", FactType.Boolean,
            "an unemployment registration of the employee was open in the month before the spell's first month or in it"),
        Employee("spell.ageAtStart", FactType.Number, "the employee's age on the first day of the spell"),
    ];

    private static readonly Dictionary<string, FactDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The fact <paramref name="name"/> as seen from <paramref name="scope"/>; null when it is not one there.</summary>
    public static FactDefinition? Find(string name, FactScope scope) =>
        ByName.TryGetValue(name, out var fact) && (fact.Scope == scope || (scope == FactScope.Employee && fact.Scope == FactScope.Person))
            ? fact
            : null;

    private static FactDefinition Person(string name, FactType type, string meaning) => new(name, type, FactScope.Person, meaning);

    private static FactDefinition Employer(string name, FactType type, string meaning) => new(name, type, FactScope.Employer, meaning);

    private static FactDefinition Employee(string name, FactType type, string meaning) => new(name, type, FactScope.Employee, meaning);
}
