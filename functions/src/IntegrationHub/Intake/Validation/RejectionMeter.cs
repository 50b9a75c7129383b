namespace IntegrationHub.Intake.Validation;

/// <summary>Counts a batch's rejections chunk by chunk and stops the batch when they pass their allowed share.</summary>
/// <remarks>
/// Rejected records are kept for their department, so a batch of millions of empty records would cost the hub millions
/// of rows for one kilobyte of gzip. Once <c>after</c> records were read, a batch whose rejected share is above
/// <c>share</c> is stopped before its next chunk is written: refused whole when nothing of it was stored yet (the usual
/// case: the first chunk is judged before anything is written), otherwise cut off after what was stored. The refusal
/// names each (pointer, code) pair once, with how many records it hit, instead of a row per record.
/// </remarks>
internal sealed class RejectionMeter(double share, int after, bool resumed)
{
    private const int MaxSummaryEntries = 50;

    private readonly Dictionary<(string Path, string Code), int> problems = [];
    private long seen;
    private long rejected;

    public void Add(IReadOnlyList<ProcessedRecord> chunk, bool stored)
    {
        foreach (var record in chunk)
        {
            seen++;
            if (!record.Rejected)
            {
                continue;
            }

            rejected++;
            foreach (var error in record.Problems)
            {
                // Per field, not per record: /records/7/name and /records/9/name are the same problem.
                var key = (RecordRelative(error.Path), error.Code);
                if (problems.Count < MaxSummaryEntries * 4 || problems.ContainsKey(key))
                {
                    problems[key] = problems.GetValueOrDefault(key) + 1;
                }
            }
        }

        if (seen < after || rejected <= share * seen)
        {
            return;
        }

        var percent = (share * 100).ToString("0.#", CultureInfo.InvariantCulture);
        var message = stored || resumed
            ? $"{rejected} of the {seen} records read in this request were rejected, more than {percent}%: the batch was stopped. What was stored " +
              "before is kept; the department should check its extract."
            : $"{rejected} of the first {seen} records were rejected, more than {percent}%: the batch was refused whole and nothing was stored. " +
              "The errors below say which fields fail and how often; fix the extract and send it again.";
        var summary = problems.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Path, StringComparer.Ordinal).Take(MaxSummaryEntries)
            .Select(p => new FieldError(p.Key.Path, p.Key.Code, $"in {p.Value} of the {seen} records read"))
            .ToList();
        throw new TooManyRejectionsException(message, summary);
    }

    /// <summary>A JSON batch's pointers start with /records/N; the summary speaks of the field within any record.</summary>
    private static string RecordRelative(string path)
    {
        if (!path.StartsWith("/records/", StringComparison.Ordinal))
        {
            return path;
        }

        var next = path.IndexOf('/', "/records/".Length);
        return next < 0 ? "" : path[next..];
    }
}
