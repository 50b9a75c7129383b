namespace IntegrationHub.Bench.Scoring;

/// <summary><c>score TRUTH LINKS [--json]</c>: pairwise precision, recall and F1 of a linkage (NDJSON) against truth.csv.</summary>
public static class ScoreCommand
{
    public const string Usage = """
          score TRUTH LINKS [--json]
            pairwise precision, recall and F1 of LINKS (NDJSON: {"department","feed","recordId","personId"} a line) against
            TRUTH (CSV: department,feed,recordId,person), false-merge clusters and split persons; --json prints one JSON object
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToArray();
        if (files.Length != 2 || files.Any(f => f.StartsWith("--", StringComparison.Ordinal)))
        {
            error.WriteLine($"score: expected TRUTH and LINKS\nusage:\n{Usage}");
            return 2;
        }

        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"score: no such file: {file}");
                return 2;
            }
        }

        var scorer = new LinkScorer();
        try
        {
            ReadTruth(files[0], scorer);
        }
        catch (InvalidDataException exception)
        {
            error.WriteLine($"score: {files[0]}: {exception.Message}");
            return 2;
        }

        ReadLinks(files[1], scorer, error);
        var score = scorer.Compute();
        if (scorer.DuplicateTruth > 0)
        {
            error.WriteLine($"score: {scorer.DuplicateTruth} records are listed more than once in {files[0]}; each was counted once");
        }

        output.WriteLine(json ? JsonSerializer.Serialize(score, JsonOptions) : Describe(score));
        return 0;
    }

    public static string Describe(LinkScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            score: {score.TruthRecords} records of {score.TruePersons} true persons, linked to {score.PredictedPersons} predicted persons
              precision  {score.Precision:F6}   ({score.TruePositivePairs} of {score.PredictedPairs} predicted pairs are true)
              recall     {score.Recall:F6}   ({score.TruePositivePairs} of {score.TruePairs} true pairs were found)
              F1         {score.F1:F6}
              false-merge clusters (predicted persons holding records of more than one true person): {score.FalseMergeClusters}
              split persons (true persons spread over more than one predicted person): {score.SplitPersons}
              records missing from the links (each scored as its own person): {score.MissingRecords}
              links to records unknown to the truth (ignored): {score.UnknownRecords}
            """);
        if (score.DuplicateLinks > 0 || score.UnreadableLines > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n  repeated links of a record (the first kept): {score.DuplicateLinks}, "
                + $"unreadable link lines (ignored): {score.UnreadableLines}");
        }

        return text.ToString();
    }

    private static void ReadTruth(string path, LinkScorer scorer)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine();
        if (header is null || !Csv.Split(header).SequenceEqual(["department", "feed", "recordId", "person"]))
        {
            throw new InvalidDataException("the first line must be the header department,feed,recordId,person");
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Csv.Split(line);
            if (fields.Count != 4)
            {
                throw new InvalidDataException($"line {number} has {fields.Count} fields, not 4");
            }

            scorer.AddTruth(fields[0], fields[1], fields[2], fields[3]);
        }
    }

    private static void ReadLinks(string path, LinkScorer scorer, TextWriter error)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TryParseLink(line, out var link))
            {
                scorer.AddLink(link.Department, link.Feed, link.RecordId, link.PersonId);
            }
            else
            {
                if (scorer.UnreadableLines < 5)
                {
                    error.WriteLine($"score: {path} line {number} is not a link object; ignored");
                }

                scorer.UnreadableLines++;
            }
        }
    }

    private static bool TryParseLink(string line, out (string Department, string Feed, string RecordId, string PersonId) link)
    {
        link = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            string? Text(string name) => root.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;

            if (Text("department") is { } department && Text("feed") is { } feed && Text("recordId") is { } recordId
                && Text("personId") is { } personId)
            {
                link = (department, feed, recordId, personId);
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
