namespace IntegrationHub.Intake.Rules;

/// <summary>Maps the full-width forms (U+FF01-U+FF5E, U+3000) that Chinese input methods produce to ASCII.</summary>
internal static class FullWidth
{
    public static char ToHalfWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    public static string ToHalfWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = ToHalfWidth(source[i]);
        }
    });
}
