namespace IntegrationHub.Handler.Api.Json;

/// <summary>Turns the path System.Text.Json gives a <see cref="System.Text.Json.JsonException"/> (<c>$.records[0]['a.b']</c>)
/// into the JSON Pointer the API's errors use (<c>/records/0/a.b</c>).</summary>
public static class JsonPathPointer
{
    public static string From(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return "";
        }

        var pointer = new StringBuilder();
        var i = 1;
        while (i < path.Length)
        {
            string token;
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                token = path[(i + 1)..end];
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                token = path[(i + 2)..end];
                i = Math.Min(end + 2, path.Length);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                token = path[(i + 1)..end];
                i = Math.Min(end + 1, path.Length);
            }
            else
            {
                break;
            }

            pointer.Append('/').Append(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return pointer.ToString();
    }
}
