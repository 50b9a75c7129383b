namespace IntegrationHub.Labor;

/// <summary>A calendar month, as the number of months since year 0, so that months subtract and compare.</summary>
public readonly record struct Month(int Index) : IComparable<Month>
{
    public static Month Of(DateOnly date) => new(date.Year * 12 + date.Month - 1);

    /// <summary>Parses <c>YYYY-MM</c>; null when it is not one.</summary>
    public static Month? Parse(string? text) =>
        text is { Length: 7 } && text[4] == '-'
        && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12 && year >= 1
            ? new Month(year * 12 + month - 1)
            : null;

    public DateOnly FirstDay => new(Index / 12, Index % 12 + 1, 1);

    public Month Plus(int months) => new(Index + months);

    public int CompareTo(Month other) => Index.CompareTo(other.Index);

    public static bool operator <(Month left, Month right) => left.Index < right.Index;

    public static bool operator >(Month left, Month right) => left.Index > right.Index;

    public static bool operator <=(Month left, Month right) => left.Index <= right.Index;

    public static bool operator >=(Month left, Month right) => left.Index >= right.Index;

    public static int operator -(Month left, Month right) => left.Index - right.Index;

    public override string ToString() => $"{Index / 12:D4}-{Index % 12 + 1:D2}";
}
