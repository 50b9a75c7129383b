namespace IntegrationHub.Bench.Generation;

/// <summary>
/// Turns the population into the records of the seven feeds, person by person, lazily: each person appears in the feeds
/// that fit their 2026 (public security for nearly everyone, education for recent graduates, tax and social insurance every
/// month they work, registrations, certificates, assistance for some households).
/// </summary>
/// <remarks>Each department's records are written in <c>SyntheticFeeds.Departments.cs</c>.</remarks>
public sealed partial class SyntheticFeeds
{
    private const string Year = "2026";
    private const int LastPeriodMonth = 10;

    private static readonly DateOnly WindowStart = new(2021, 1, 1);
    private static readonly DateOnly YearStart = new(2026, 1, 1);

    private static readonly (string Code, string Name)[] Universities =
        [("4150010611", "重庆大学"), ("4150010635", "西南大学"), ("4150010617", "重庆邮电大学"), ("4151010610", "四川大学"),
         ("4151010614", "电子科技大学")];

    private static readonly (string Code, string Name)[] Colleges = [("4150012608", "重庆电子科技职业大学"), ("4151012633", "成都职业技术学院")];

    private static readonly (string Code, string Name, string Level)[] Majors =
    [
        ("080901", "计算机科学与技术", "21"), ("120203K", "会计学", "21"), ("080703", "通信工程", "21"), ("050201", "英语", "21"),
        ("030101K", "法学", "21"), ("510201", "计算机应用技术", "31"), ("530302", "大数据与会计", "31"), ("460701", "汽车制造与试验技术", "31"),
        ("0854", "电子信息", "14"), ("1253", "会计", "14"), ("0802", "机械工程", "11"), ("0812", "计算机科学与技术", "11"),
    ];

    private static readonly (string Code, string Name)[] Occupations =
        [("4-03-02-01", "中式烹调师"), ("6-18-01-01", "车工"), ("6-31-01-03", "电工"), ("4-10-01-02", "育婴员"), ("6-18-02-04", "焊工"),
         ("4-10-01-05", "养老护理员"), ("4-04-05-02", "互联网营销师")];

    private static readonly string[] InsuranceTypes = ["pension", "medical", "unemployment", "injury"];

    private static readonly string[] OtherDifficulties = ["long-term-unemployed", "disabled", "other"];

    private readonly Random random;
    private readonly Corrupter corrupter;
    private readonly Population employers;
    private readonly IReadOnlyList<SyntheticPerson> persons;
    private readonly Dictionary<string, int> sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdentityFields> masters = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly JsonWriterOptions writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SyntheticFeeds(Random random, Corrupter corrupter, Population employers, IReadOnlyList<SyntheticPerson> persons)
    {
        this.random = random;
        this.corrupter = corrupter;
        this.employers = employers;
        this.persons = persons;
    }

    /// <summary>Every record, grouped by household and person. Enumerate once: the numbering continues.</summary>
    public IEnumerable<GeneratedRecord> Records()
    {
        for (var start = 0; start < persons.Count;)
        {
            var household = persons[start].Household;
            var end = start;
            while (end < persons.Count && persons[end].Household == household)
            {
                end++;
            }

            var lives = new List<(SyntheticPerson Person, LifeCourse Life)>(end - start);
            for (var i = start; i < end; i++)
            {
                lives.Add((persons[i], Live(persons[i])));
            }

            var assistance = DecideAssistance(household, lives);
            foreach (var (person, life) in lives)
            {
                masters.Clear();
                foreach (var record in PersonRecords(person, life, assistance))
                {
                    yield return record;
                }
            }

            start = end;
        }
    }

    private LifeCourse Live(SyntheticPerson person)
    {
        var age = person.AgeOn(PopulationBuilder.LastEventDay);
        var male = person.Gender == "1";
        var life = new LifeCourse
        {
            WorkRegion = person.Household.Local ? person.Household.Region : Draw.Pick(random, Population.Regions),
        };
        var student = age < 18;
        var birthYear = person.BirthDate.Year;
        if (birthYear is >= 1996 and <= 2005 && Chance(0.55))
        {
            var roll = Draw.Int(random, 100);
            var level = roll < 48 ? "21" : roll < 88 ? "31" : roll < 98 ? "14" : "11";
            var major = Draw.Pick(random, Majors.Where(m => m.Level == level).ToArray());
            var school = level == "31" ? Draw.Pick(random, Colleges) : Draw.Pick(random, Universities);
            life.Study = (major.Code, major.Name, level, school.Code, school.Name);
            life.GraduationYear = birthYear + level switch { "31" => 21, "21" => 22, "14" => 25, _ => 28 };
            student = life.GraduationYear > 2026;
            if (life.GraduationYear == 2026)
            {
                roll = Draw.Int(random, 100);
                life.Destination = roll < 45 ? "employed" : roll < 60 ? "further-study" : roll < 62 ? "self-employed"
                    : roll < 72 ? "flexible" : roll < 74 ? "enlisted" : "not-yet-placed";
                student = life.Destination is "further-study" or "enlisted";
            }
            else
            {
                roll = Draw.Int(random, 100);
                life.Destination = roll < 70 ? "employed" : roll < 82 ? "further-study" : roll < 85 ? "self-employed"
                    : roll < 95 ? "flexible" : roll < 97 ? "enlisted" : "not-yet-placed";
            }
        }

        double employment = age switch
        {
            < 18 => 0,
            < 22 => 0.35,
            < 50 => male ? 0.8 : 0.7,
            < 60 => male ? 0.65 : 0.4,
            < 65 => 0.15,
            _ => 0,
        };
        if (life is { GraduationYear: 2026, Destination: not null })
        {
            employment = life.Destination is "employed" or "self-employed" or "flexible" ? 1 : 0;
        }

        if (!student && Chance(employment))
        {
            life.Employer = employers.Employer(Draw.Int(random, employers.EmployerCount));
            var roll = Draw.Int(random, 100);
            life.EmploymentForm = life.Destination switch
            {
                "self-employed" when life.GraduationYear == 2026 => "self-employed",
                "flexible" when life.GraduationYear == 2026 => "flexible",
                _ => roll < 75 ? "standard" : roll < 87 ? "flexible" : roll < 95 ? "platform" : "self-employed",
            };
            life.FirstMonth = life.GraduationYear == 2026 ? Draw.Int(random, 7, 10) : Chance(0.8) ? 1 : Draw.Int(random, 2, 11);
            life.LastMonth = Chance(0.88) ? LastPeriodMonth : Draw.Int(random, life.FirstMonth, LastPeriodMonth);
            roll = Draw.Int(random, 100);
            var senior = age >= 30 ? 15 : 0;
            life.IncomeBand = roll < 40 - senior ? "A" : roll < 75 - senior ? "B" : roll < 93 ? "C" : "D";
        }

        return life;
    }

    private (string Type, string Number, string Status, DateOnly Effective)? DecideAssistance(SyntheticHousehold household,
        List<(SyntheticPerson Person, LifeCourse Life)> lives)
    {
        // 低保 covers about 2-3% of urban households, mostly those where no one of working age works.
        var noWorker = lives.All(l => !l.Life.Working);
        if (!household.Local || !Chance(noWorker ? 0.08 : 0.01))
        {
            return null;
        }

        var roll = Draw.Int(random, 100);
        var type = roll < 70 ? "minimum-living" : roll < 80 && lives.Count == 1 ? "extreme-poverty" : "temporary";
        var effective = Draw.Day(random, new DateOnly(2022, 1, 1), PopulationBuilder.LastEventDay);
        var prefix = type switch { "minimum-living" => "DB", "extreme-poverty" => "TK", _ => "LS" };
        var number = string.Create(CultureInfo.InvariantCulture,
            $"{prefix}{household.Region.Code}-{effective.Year}-{Next("ca-household"):D6}");
        return (type, number, Chance(0.9) ? "granted" : "terminated", effective);
    }

    private IEnumerable<GeneratedRecord> PersonRecords(SyntheticPerson person, LifeCourse life,
        (string Type, string Number, string Status, DateOnly Effective)? assistance)
    {
        if (person.Household.Local)
        {
            foreach (var record in HouseholdRegistration(person))
            {
                yield return record;
            }
        }

        if (life.Study is not null && life.GraduationYear is >= 2022 and <= 2026)
        {
            yield return Graduate(person, life);
        }

        if (life.Working)
        {
            foreach (var record in Work(person, life))
            {
                yield return record;
            }
        }

        foreach (var record in Registrations(person, life))
        {
            yield return record;
        }

        var age = person.AgeOn(PopulationBuilder.LastEventDay);
        if (age is >= 18 and <= 60 && Chance(0.06))
        {
            yield return Certificate(person, life);
            if (Chance(0.2))
            {
                yield return Certificate(person, life);
            }
        }

        if (assistance is { } decision)
        {
            yield return Assistance(person, decision);
        }
    }

    private GeneratedRecord Write(string department, string feed, string recordId, SyntheticPerson person, bool idRequired,
        bool hasBirthDate, Action<Utf8JsonWriter, IdentityFields> body)
    {
        var phoneShare = feed switch { "graduate-roster" => 0.7, "employment-registration" => 0.6, _ => 0 };
        // A department keeps one master record per person and feed; a share of its records were keyed again on their own.
        if (!masters.TryGetValue(feed, out var identity))
        {
            identity = corrupter.Draw(person, department, idRequired, hasBirthDate, phoneShare);
            masters[feed] = identity;
        }
        else if (Chance(CorruptionProfile.RekeyedWithinFeed))
        {
            identity = corrupter.Draw(person, department, idRequired, hasBirthDate, phoneShare);
        }

        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("recordId", recordId);
            if (identity.IdNumber is not null)
            {
                writer.WriteString("idNumber", identity.IdNumber);
            }

            body(writer, identity);
            writer.WriteEndObject();
        }

        return new GeneratedRecord(department, feed, recordId, person.Key, buffer.WrittenSpan.ToArray(), identity);
    }

    private int Next(string counter)
    {
        sequences.TryGetValue(counter, out var value);
        sequences[counter] = ++value;
        return value;
    }

    private bool Chance(double probability) => Draw.Chance(random, probability);

    private static string Period(int month) => string.Create(CultureInfo.InvariantCulture, $"{Year}-{month:D2}");

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
