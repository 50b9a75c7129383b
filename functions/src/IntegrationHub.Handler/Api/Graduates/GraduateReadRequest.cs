namespace IntegrationHub.Handler.Api.Graduates;

/// <summary>The query parameters of the graduate reads, each checked with a JSON Pointer to the parameter at fault.</summary>
internal static class GraduateReadRequest
{
    /// <summary><c>cohort</c>: required, a graduation year from 2000 to 2100.</summary>
    public static FieldError? Cohort(HttpContext context, out int cohort)
    {
        var text = context.Request.Query["cohort"].ToString();
        if (text.Length == 0)
        {
            cohort = 0;
            return new FieldError("/cohort", "required", "cohort (the graduation year, e.g. 2026) is required.");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cohort) && cohort is >= 2000 and <= 2100
            ? null
            : new FieldError("/cohort", "cohort", "cohort must be a graduation year from 2000 to 2100, e.g. 2026.");
    }

    /// <summary>An optional parameter of 2 to <paramref name="maxDigits"/> digits (a region prefix, a school code).</summary>
    public static FieldError? Digits(HttpContext context, string name, int minDigits, int maxDigits, out string? value)
    {
        var text = context.Request.Query[name].ToString();
        value = text.Length == 0 ? null : text;
        return value is null || (value.Length >= minDigits && value.Length <= maxDigits && value.All(char.IsAsciiDigit))
            ? null
            : new FieldError("/" + name, name, minDigits == maxDigits
                ? $"{name} must be {maxDigits} digits."
                : $"{name} must be {minDigits} to {maxDigits} digits (a GB/T 2260 region code or its prefix).");
    }

    /// <summary>An optional parameter that must be one of <paramref name="allowed"/>.</summary>
    public static FieldError? OneOf(HttpContext context, string name, IReadOnlyList<string> allowed, string fallback, out string value)
    {
        var text = context.Request.Query[name].ToString();
        value = text.Length == 0 ? fallback : text;
        return allowed.Contains(value) ? null : new FieldError("/" + name, name, $"{name} must be one of {string.Join(", ", allowed)}.");
    }

    public static IResult Invalid(FieldError error) => ApiErrors.Create(400, "invalid-query", error.Message, [error]);
}
