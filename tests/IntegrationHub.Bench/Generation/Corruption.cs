namespace IntegrationHub.Bench.Generation;

/// <summary>What a department got wrong (or merely wrote differently) in one record's identity fields.</summary>
[Flags]
public enum Corruption
{
    None = 0,
    IdMissing = 1 << 0,
    IdDigitMistyped = 1 << 1,
    IdDigitsTransposed = 1 << 2,
    IdLegacy15 = 1 << 3,
    IdFullWidth = 1 << 4,
    IdLowerCaseX = 1 << 5,
    FormerIdNumber = 1 << 6,
    NameHomophone = 1 << 7,
    NameTraditional = 1 << 8,
    NameStraySpace = 1 << 9,
    NameMiddleDotVariant = 1 << 10,
    FormerNameUsed = 1 << 11,
    BirthDateDayMonthSwapped = 1 << 12,
    PhoneInternational = 1 << 13,
}
