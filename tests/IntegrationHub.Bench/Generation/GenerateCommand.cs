namespace IntegrationHub.Bench.Generation;

/// <summary>
/// <c>generate --persons N --out DIR [--seed S] [--reference-data DIR]</c>: writes <c>DIR/{department}/{feed}.ndjson</c> (one
/// NDJSON batch per feed), <c>DIR/truth.csv</c> and <c>DIR/README.txt</c>, streaming records to disk as they are made.
/// </summary>
public static class GenerateCommand
{
    public const string ExtractedAt = "2026-11-21T06:00:00+08:00";

    public const string Usage = """
          generate --persons N --out DIR [--seed S] [--reference-data DIR]
            a synthetic population of N persons and its records in the seven feeds, with realistic identity corruptions,
            as DIR/{department}/{feed}.ndjson, DIR/truth.csv (department,feed,recordId,person) and DIR/README.txt;
            --reference-data is the folder with pinyin.txt and opencc-TSCharacters.txt (default ../shared/data beside the checkout)
        """;

    private static readonly UTF8Encoding Utf8 = new(false);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        GenerateOptions options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException exception)
        {
            error.WriteLine($"generate: {exception.Message}\nusage:\n{Usage}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var variants = NameVariants.Load(options.ReferenceDirectory, error);
        var dataset = new SyntheticDataset(options.Persons, options.Seed, variants);
        var summary = Write(dataset, options.OutputDirectory);
        clock.Stop();
        File.WriteAllText(Path.Combine(options.OutputDirectory, "README.txt"), ReadMe(dataset, summary, variants), Utf8);
        output.Write(summary.Describe(dataset));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  written to {Path.GetFullPath(options.OutputDirectory)} in {clock.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>Streams the records of <paramref name="dataset"/> into feed files and truth.csv in <paramref name="directory"/>.</summary>
    public static GenerationSummary Write(SyntheticDataset dataset, string directory)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Directory.CreateDirectory(directory);
        var summary = new GenerationSummary();
        var files = new Dictionary<string, Stream>(StringComparer.Ordinal);
        try
        {
            foreach (var feed in BenchFeed.All)
            {
                Directory.CreateDirectory(Path.Combine(directory, feed.Department));
                var stream = new FileStream(Path.Combine(directory, feed.Department, feed.Feed + ".ndjson"), FileMode.Create,
                    FileAccess.Write, FileShare.Read, 1 << 20);
                files[feed.Path] = stream;
                var batchId = string.Create(CultureInfo.InvariantCulture, $"gen-{dataset.Seed}-{feed.Department}-{feed.Feed}");
                var envelope =
                    $"{{\"batchId\":\"{batchId}\",\"schemaVersion\":\"1\",\"extractedAt\":\"{ExtractedAt}\",\"region\":\"500000\"}}\n";
                stream.Write(Utf8.GetBytes(envelope));
                summary.RecordsPerFeed[feed.Path] = 0;
            }

            using var truth = new StreamWriter(Path.Combine(directory, "truth.csv"), false, Utf8, 1 << 20);
            truth.Write("department,feed,recordId,person\n");
            foreach (var record in dataset.Records())
            {
                var path = $"{record.Department}/{record.Feed}";
                var stream = files[path];
                stream.Write(record.Line);
                stream.WriteByte((byte)'\n');
                truth.Write(record.Department);
                truth.Write(',');
                truth.Write(record.Feed);
                truth.Write(',');
                truth.Write(record.RecordId);
                truth.Write(',');
                truth.Write(record.PersonKey);
                truth.Write('\n');
                summary.Add(path, record.Identity.Corruptions);
            }
        }
        finally
        {
            foreach (var stream in files.Values)
            {
                stream.Dispose();
            }
        }

        return summary;
    }

    private static GenerateOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Count)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            // The last occurrence wins, so `./hub generate` can pass a default that the caller's own option overrides.
            values[args[i][2..]] = args[++i];
        }

        int Number(string name, int min, int? fallback)
        {
            if (!values.Remove(name, out var text))
            {
                return fallback ?? throw new ArgumentException($"--{name} is required");
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
                ? number
                : throw new ArgumentException($"--{name} must be a whole number of at least {min}, not '{text}'");
        }

        var persons = Number("persons", 1, null);
        var seed = Number("seed", 0, 1);
        var output = values.Remove("out", out var outText) ? outText : throw new ArgumentException("--out is required");
        var reference = values.Remove("reference-data", out var referenceText) ? referenceText : DefaultReferenceDirectory();
        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option --{values.Keys.First()}");
        }

        return new GenerateOptions(persons, output, seed, reference);
    }

    private static string? DefaultReferenceDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
                    return Directory.Exists(candidate) ? candidate : null;
                }
            }
        }

        return null;
    }

    private static string ReadMe(SyntheticDataset dataset, GenerationSummary summary, NameVariants variants)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            Synthetic population and department feeds for identity reconciliation (IntegrationHub bench `generate`)

            seed: {dataset.Seed}
            persons: {dataset.Persons.Count}
            reference data: homophones {(variants.HasHomophones ? "on" : "off (no pinyin.txt)")},
              traditional forms {(variants.HasTraditional ? "on" : "off (no opencc-TSCharacters.txt)")}

            Files: {"{department}/{feed}"}.ndjson, one NDJSON batch each (first line the envelope); truth.csv maps every record to
            the generator's person key (department,feed,recordId,person).

            Corruption rates per record, by department (a rate marked * applies only where it can: legacy form to people born
            before 1984, lower-case x to numbers ending in X, middle-dot variants to names with a middle dot, former name and
            former number to people who have one, day/month swap to feeds with a birth date when day and month are both <= 12,
            +86 form to records with a phone). Within one feed a person's records share the department's master data;
            {CorruptionProfile.RekeyedWithinFeed:0%} of records are keyed afresh. Different feeds draw independently.


            """);
        var departments = new[] { "ps", "hr", "edu", "tax", "ca" };
        text.Append(CultureInfo.InvariantCulture, $"{"corruption",-30}{string.Concat(departments.Select(d => $"{d,9}"))}\n");
        foreach (var (name, rate) in GenerationSummary.RateColumns)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name,-30}");
            foreach (var department in departments)
            {
                text.Append(CultureInfo.InvariantCulture, $"{rate(CorruptionProfile.For(department)),9:0.###%}");
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"""

            Population (hard cases made on purpose):
              deliberate namesakes (same name, birth date, district): {PopulationBuilder.NamesakeRate:0.###%} of households' heads
              twins: {PopulationBuilder.TwinRate:0.###%} of births; number changes: {PopulationBuilder.NumberChangeRate:0.###%} of persons
              former names: {PopulationBuilder.FormerNameRateAdults:0.###%} of adults,
                {PopulationBuilder.FormerNameRateChildren:0.###%} of children
              households registered in another province (no ps record): {PopulationBuilder.NonLocalHouseholdRate:0.###%}
              numbers issued in another district: {PopulationBuilder.NumberFromOtherDistrictRate:0.###%}; numbers issued before a
              district's code changed keep the older code (e.g. 5102xx for Chongqing before 1997)


            """);
        text.Append(summary.Describe(dataset));
        return text.ToString();
    }
}
