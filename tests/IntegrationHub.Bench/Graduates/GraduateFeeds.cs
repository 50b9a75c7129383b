namespace IntegrationHub.Bench.Graduates;

/// <summary>
/// Generates the records of the graduate benchmark: a 2026 cohort (graduation 30 June 2026) of graduates, each a
/// <see cref="GraduateCase"/> drawn from the seed, with the roster claim, the tax, insurance, HR and follow-up records that
/// make it true, and background adults with six months of wages each until the total is reached. Everything is computed from
/// indexes, so a batch is generated while it is sent.
/// </summary>
public sealed class GraduateFeeds(Population population, int graduates, int records, string tag, int seed)
{
    public const string GraduationDate = "2026-06-30";

    private static readonly string[] Majors = ["080901", "080902", "120203K", "020101", "050201", "100201K", "081001", "070101", "040106", "0854"];
    private static readonly string[] MajorNames = ["计算机科学与技术", "软件工程", "会计学", "经济学", "英语", "临床医学", "土木工程", "数学与应用数学", "学前教育", "电子信息"];

    public int Graduates => graduates;

    public string Tag => tag;

    public GraduateCase CaseOf(int i) => GraduateCases.Of((int)(Hash(i, 1) % 100));

    public string RosterId(int i) => $"BG{tag}-{i:D7}";

    /// <summary>How many background adults (six wage months each) fill the run up to the record total.</summary>
    public int BackgroundAdults => Math.Max(0, (records - graduates - EvidenceCount()) / 6);

    public int EvidenceCount()
    {
        var count = 0;
        for (var i = 0; i < graduates; i++)
        {
            count += Evidence(i).Count();
        }

        return count;
    }

    public void WriteRoster(Utf8JsonWriter writer, int i)
    {
        var person = population.Graduate(i);
        var item = CaseOf(i);
        var school = (int)(Hash(i, 2) % 50);
        var major = (int)(Hash(i, 3) % (ulong)Majors.Length);
        writer.WriteStartObject();
        writer.WriteString("recordId", RosterId(i));
        writer.WriteString("idNumber", person.IdNumber);
        writer.WriteString("name", person.Name);
        writer.WriteString("gender", person.Gender);
        writer.WriteString("birthDate", person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteString("schoolCode", $"41500106{school:D2}");
        writer.WriteString("schoolName", $"重庆第{school + 1}高校");
        writer.WriteString("majorCode", Majors[major]);
        writer.WriteString("majorName", MajorNames[major]);
        writer.WriteString("educationLevel", Majors[major].Length == 4 ? "14" : "21");
        writer.WriteString("graduationDate", GraduationDate);
        writer.WriteString("destination", item.Claim);
        if (item.ClaimsEmployer)
        {
            writer.WriteString("destinationEmployerCreditCode", Claimed(i).CreditCode);
        }

        writer.WriteString("hukouRegion", person.Region.Code);
        writer.WriteString("phone", person.Phone);
        writer.WriteBoolean("hardshipFamily", Hash(i, 4) % 10 == 0);
        writer.WriteBoolean("disabled", Hash(i, 5) % 50 == 0);
        writer.WriteEndObject();
    }

    /// <summary>The evidence records of graduate <paramref name="i"/>: (department, feed, writer).</summary>
    public IEnumerable<(string Department, string Feed, Action<Utf8JsonWriter> Write)> Evidence(int i)
    {
        var item = CaseOf(i);
        switch (item.Name)
        {
            case "employed-evidenced":
                for (var month = 7; month <= 11; month++)
                {
                    var m = month;
                    yield return ("tax", "wage-withholding", w => Wages(w, $"BG{tag}-t{i}-{m}", population.Graduate(i), Claimed(i), $"2026-{m:D2}"));
                }

                break;
            case "employed-elsewhere":
                for (var month = 8; month <= 11; month++)
                {
                    var m = month;
                    yield return ("tax", "wage-withholding", w => Wages(w, $"BG{tag}-t{i}-{m}", population.Graduate(i), Other(i), $"2026-{m:D2}"));
                }

                break;
            case "employed-but-unemployed":
                yield return ("hr", "employment-registration", w => Registration(w, $"BG{tag}-u{i}", population.Graduate(i), "unemployment", "2026-08-10", null));
                break;
            case "unplaced-but-working":
                for (var month = 9; month <= 11; month++)
                {
                    var m = month;
                    yield return ("hr", "social-insurance", w => Insurance(w, $"BG{tag}-s{i}-{m}", population.Graduate(i), $"2026-{m:D2}"));
                }

                break;
            case "flexible-platform":
                yield return ("hr", "employment-registration", w => Registration(w, $"BG{tag}-e{i}", population.Graduate(i), "employment", "2026-07-20", Claimed(i)));
                break;
            case "unplaced" when Hash(i, 6) % 10 < 6:
                yield return ("hr", "graduate-follow-up", w => FollowUp(w, $"BG{tag}-f{i}", population.Graduate(i)));
                break;
        }
    }

    public void WriteBackground(Utf8JsonWriter writer, int record)
    {
        var adult = record / 6;
        Wages(writer, $"BG{tag}-a{adult}-{record % 6}", population.Adult(adult), population.Employer(adult % population.EmployerCount),
            $"2026-{6 + record % 6:D2}");
    }

    private Employer Claimed(int i) => population.Employer((int)(Hash(i, 7) % (ulong)population.EmployerCount));

    private Employer Other(int i) => population.Employer((int)((Hash(i, 7) + 1) % (ulong)population.EmployerCount));

    private static void Wages(Utf8JsonWriter w, string id, Person person, Employer employer, string period)
    {
        w.WriteStartObject();
        w.WriteString("recordId", id);
        w.WriteString("idNumber", person.IdNumber);
        w.WriteString("name", person.Name);
        w.WriteString("employerCreditCode", employer.CreditCode);
        w.WriteString("employerName", employer.Name);
        w.WriteString("period", period);
        w.WriteString("incomeType", "wages");
        w.WriteString("incomeBand", "B");
        w.WriteEndObject();
    }

    private static void Insurance(Utf8JsonWriter w, string id, Person person, string period)
    {
        w.WriteStartObject();
        w.WriteString("recordId", id);
        w.WriteString("idNumber", person.IdNumber);
        w.WriteString("name", person.Name);
        w.WriteString("insuranceType", "pension");
        w.WriteString("period", period);
        w.WriteString("status", "paid");
        w.WriteString("insuredRegion", person.Region.Code);
        w.WriteEndObject();
    }

    private static void Registration(Utf8JsonWriter w, string id, Person person, string type, string date, Employer? employer)
    {
        w.WriteStartObject();
        w.WriteString("recordId", id);
        w.WriteString("idNumber", person.IdNumber);
        w.WriteString("name", person.Name);
        w.WriteString("eventType", type);
        w.WriteString("eventDate", date);
        w.WriteString("registrationRegion", person.Region.Code);
        if (employer is not null)
        {
            w.WriteString("employerCreditCode", employer.CreditCode);
            w.WriteString("employerName", employer.Name);
            w.WriteString("employmentForm", "platform");
        }

        w.WriteEndObject();
    }

    private static void FollowUp(Utf8JsonWriter w, string id, Person person)
    {
        w.WriteStartObject();
        w.WriteString("recordId", id);
        w.WriteString("idNumber", person.IdNumber);
        w.WriteString("name", person.Name);
        w.WriteString("contactDate", "2026-09-15");
        w.WriteString("channel", "phone");
        w.WriteString("outcome", "reached");
        w.WriteStartArray("services");
        w.WriteStringValue("job-referral");
        w.WriteEndArray();
        w.WriteString("servingRegion", person.Region.Code);
        w.WriteEndObject();
    }

    private ulong Hash(int i, int stream)
    {
        var x = (ulong)i * 0x9E37_79B9_7F4A_7C15 ^ ((ulong)stream << 56) ^ (ulong)(uint)seed * 0xD1B5_4A32_D192_ED03;
        x += 0x9E37_79B9_7F4A_7C15;
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
        return x ^ (x >> 31);
    }
}
