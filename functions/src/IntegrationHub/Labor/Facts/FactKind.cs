namespace IntegrationHub.Labor.Facts;

/// <summary>
/// A kind of fact with a beginning and an end, the events that announce them and the fields each event carries.
/// <see cref="Reannounce"/>: a correction of a fact already announced (a spell's start moved, its form changed) is
/// announced again with the same key; otherwise (difficulty) only entering and leaving are announced.
/// <see cref="KeepWhenVanished"/>: a closed fact whose evidence is gone stays as history (difficulty) or is deleted
/// (spells and registrations only exist as long as their records say so).
/// <see cref="Announce"/>: a kind whose events follow a field rather than its opening and closing (a graduate's status)
/// says itself what a change announces.
/// </summary>
internal sealed class FactKind
{
    private readonly Func<JsonObject, JsonObject, DateOnly, JsonObject> close;

    private FactKind(string name, string startedType, string endedType, string[] startedFields, string[] endedFields, bool reannounce,
        bool keepWhenVanished, Func<JsonObject, JsonObject, DateOnly, JsonObject> close)
    {
        Name = name;
        StartedType = startedType;
        EndedType = endedType;
        StartedFields = startedFields;
        EndedFields = endedFields;
        Reannounce = reannounce;
        KeepWhenVanished = keepWhenVanished;
        this.close = close;
    }

    public static FactKind Employment { get; } = new("employment", EventTypes.EmploymentStarted, EventTypes.EmploymentEnded,
        ["spellId", "employerCreditCode", "employmentForm", "from"], ["spellId", "employerCreditCode", "employmentForm", "from", "to"],
        reannounce: true, keepWhenVanished: false, (data, detail, _) => With(data, ("to", detail["last"]?.DeepClone())));

    public static FactKind Unemployment { get; } = new("unemployment", EventTypes.UnemploymentRegistered, EventTypes.UnemploymentEnded,
        ["registeredOn", "registrationRegion"], ["registeredOn", "registrationRegion", "endedOn", "durationDays"],
        reannounce: true, keepWhenVanished: false, (data, _, today) => ClosedOn(data, today));

    public static FactKind Difficulty { get; } = new("difficulty", EventTypes.DifficultyEntered, EventTypes.DifficultyLeft,
        ["category", "since"], ["category", "since", "until"],
        reannounce: false, keepWhenVanished: true, (data, _, today) => With(data, ("until", Format(today))));

    /// <summary>A graduation, open for two years after it; its status changes are announced, not its opening and closing
    /// (<see cref="Graduates.GraduateEvents"/>).</summary>
    public static FactKind Graduate { get; } = new("graduate", EventTypes.GraduateUnplaced, EventTypes.GraduatePlaced, [], [],
        reannounce: false, keepWhenVanished: false, (data, _, _) => data) { Announce = Graduates.GraduateEvents.Announce };

    public static IReadOnlyList<FactKind> All { get; } = [Employment, Unemployment, Difficulty, Graduate];

    /// <summary>The events a change of a fact of this kind causes (before is null for a new fact, after null for a vanished
    /// one), when the kind decides them itself.</summary>
    public FactAnnouncer? Announce { get; private init; }

    public string Name { get; }

    public string StartedType { get; }

    public string EndedType { get; }

    public IReadOnlyList<string> StartedFields { get; }

    public IReadOnlyList<string> EndedFields { get; }

    public bool Reannounce { get; }

    public bool KeepWhenVanished { get; }

    public static FactKind Named(string name) => All.Single(k => k.Name == name);

    /// <summary>The closed form of an open fact whose evidence vanished (its records were corrected away or moved to
    /// another person): it ends as of today, or, for a spell, at its last evidenced month.</summary>
    public JsonObject Close(JsonObject data, JsonObject detail, DateOnly today) => close(data, detail, today);

    /// <summary>An unemployment registration's data once it ended on <paramref name="endedOn"/>.</summary>
    public static JsonObject ClosedOn(JsonObject data, DateOnly endedOn)
    {
        var registered = DateOnly.ParseExact(data["registeredOn"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return With(data, ("endedOn", Format(endedOn)), ("durationDays", Math.Max(0, endedOn.DayNumber - registered.DayNumber)));
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject With(JsonObject data, params (string Key, JsonNode? Value)[] fields)
    {
        var copy = data.DeepClone().AsObject();
        foreach (var (key, value) in fields)
        {
            copy[key] = value;
        }

        return copy;
    }
}
