namespace IntegrationHub.Bench;

/// <summary>
/// Writes the records of one feed, valid per its schema and the national rules. Deterministic for a seed:
/// only the run tag inside recordIds changes between runs, so a repeated run never corrects earlier records.
/// </summary>
public sealed class RecordGenerator(BenchFeed feed, Population population, int seed, string runTag)
{
    private static readonly DateOnly YearStart = new(2026, 1, 1);
    private static readonly DateOnly LastDay = new(2026, 11, 20);

    private static readonly (string Code, string Name)[] Occupations =
        [("4-03-02-01", "中式烹调师"), ("6-18-01-01", "车工"), ("6-31-01-03", "电工"), ("4-10-01-02", "育婴员"), ("6-18-02-04", "焊工")];

    private static readonly (string Code, string Name)[] Schools =
        [("4150010611", "重庆大学"), ("4150010635", "西南大学"), ("4150010617", "重庆邮电大学"), ("4150011799", "重庆工商大学"),
         ("4150012608", "重庆电子科技职业大学")];

    private static readonly (string Code, string Name, string Level)[] Majors =
        [("080901", "计算机科学与技术", "21"), ("120203K", "会计学", "21"), ("080703", "通信工程", "21"), ("090101", "农学", "21"),
         ("0854", "电子信息", "14"), ("0802", "机械工程", "11"), ("510201", "计算机应用技术", "31")];

    private static readonly string[] Streets = ["人民路", "解放路", "建设路", "民生路", "中山路", "新华路", "滨江路", "和平路"];
    private static readonly string[] Relations = ["户主", "配偶", "子", "女"];
    private static readonly string[] DifficultyCategories =
        ["long-term-unemployed", "disabled", "zero-employment-family", "minimum-living", "age-40-50", "other"];
    private static readonly string[] EmploymentForms = ["standard", "standard", "standard", "flexible", "platform", "self-employed"];
    private static readonly string[] InsuranceTypes = ["pension", "unemployment", "injury", "medical"];
    private static readonly string[] Destinations =
        ["employed", "employed", "employed", "further-study", "self-employed", "flexible", "enlisted", "not-yet-placed", "not-yet-placed"];

    private readonly string recordIdPrefix = $"{feed.RecordIdPrefix}-{seed.ToString(CultureInfo.InvariantCulture)}-{runTag}-";

    // Not HashCode.Combine: it is randomized per process, and a seed must give the same records every time.
    private readonly Random random = new(unchecked((seed * 7919) + (feed.RecordIdPrefix[0] * 131) + feed.RecordIdPrefix[1]));

    public void Write(Utf8JsonWriter writer, int index)
    {
        writer.WriteStartObject();
        writer.WriteString("recordId", recordIdPrefix + index.ToString("D7", CultureInfo.InvariantCulture));
        switch (feed.Feed)
        {
            case "social-insurance": WriteSocialInsurance(writer); break;
            case "wage-withholding": WriteWageWithholding(writer); break;
            case "employment-registration": WriteEmploymentRegistration(writer); break;
            case "household-registration": WriteHouseholdRegistration(writer); break;
            case "graduate-roster": WriteGraduate(writer, index); break;
            case "skill-certificate": WriteSkillCertificate(writer); break;
            case "social-assistance": WriteSocialAssistance(writer); break;
            default: throw new InvalidOperationException($"no generator for {feed.Path}");
        }

        writer.WriteEndObject();
    }

    private void WriteSocialInsurance(Utf8JsonWriter writer)
    {
        var person = NextAdult();
        WriteIdentity(writer, person, 99);
        writer.WriteString("insuranceType", Pick(InsuranceTypes));
        writer.WriteString("period", NextPeriod());
        var roll = Next(100);
        writer.WriteString("status", roll < 86 ? "paid" : roll < 93 ? "arrears" : roll < 97 ? "suspended" : "transferred-out");
        if (Next(100) < 88)
        {
            writer.WriteString("employerCreditCode", NextEmployer().CreditCode);
        }

        writer.WriteString("insuredRegion", person.Region.Code);
    }

    private void WriteWageWithholding(Utf8JsonWriter writer)
    {
        var person = NextAdult();
        var employer = NextEmployer();
        WriteIdentity(writer, person, 98);
        writer.WriteString("employerCreditCode", employer.CreditCode);
        writer.WriteString("employerName", employer.Name);
        writer.WriteString("period", NextPeriod());
        var roll = Next(100);
        writer.WriteString("incomeType", roll < 86 ? "wages" : roll < 96 ? "labor-remuneration" : "business");
        roll = Next(100);
        writer.WriteString("incomeBand", roll < 35 ? "A" : roll < 70 ? "B" : roll < 90 ? "C" : "D");
    }

    private void WriteEmploymentRegistration(Utf8JsonWriter writer)
    {
        var person = NextAdult();
        WriteIdentity(writer, person, 97);
        writer.WriteString("gender", person.Gender);
        var roll = Next(100);
        var eventType = roll < 50 ? "employment" : roll < 70 ? "employment-ended" : roll < 90 ? "unemployment" : "unemployment-ended";
        writer.WriteString("eventType", eventType);
        writer.WriteString("eventDate", NextDate());
        writer.WriteString("registrationRegion", person.Region.Code);
        if (eventType is "employment" or "employment-ended")
        {
            var employer = NextEmployer();
            writer.WriteString("employerCreditCode", employer.CreditCode);
            writer.WriteString("employerName", employer.Name);
            if (eventType == "employment")
            {
                writer.WriteString("employmentForm", Pick(EmploymentForms));
            }
        }
        else if (eventType == "unemployment" && Next(100) < 35)
        {
            writer.WriteString("difficultyCategory", Pick(DifficultyCategories));
        }

        if (Next(100) < 60)
        {
            writer.WriteString("phone", person.Phone);
        }
    }

    private void WriteHouseholdRegistration(Utf8JsonWriter writer)
    {
        var person = NextAdult();
        var region = person.Region;
        WriteIdentity(writer, person, 100);
        writer.WriteString("gender", person.Gender);
        writer.WriteString("birthDate", Date(person.BirthDate));
        writer.WriteString("ethnicity", person.Ethnicity);
        writer.WriteString("hukouRegion", person.Region.Code);
        writer.WriteString("hukouAddress",
            $"{region.Province}{region.City}市{region.District}{Pick(Streets)}{Next(1, 300)}号"
            + $"{Next(1, 30)}栋{Next(1, 4)}单元{Next(1, 33)}0{Next(1, 5)}号");
        writer.WriteString("householdNumber", person.Region.Code + Next(1, 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
        if (Next(100) < 90)
        {
            writer.WriteString("relationToHead", Pick(Relations));
        }

        var roll = Next(100);
        writer.WriteString("changeType", roll < 45 ? "move-in" : roll < 75 ? "move-out" : roll < 96 ? "correction" : "death");
        writer.WriteString("changeDate", NextDate());
    }

    private void WriteGraduate(Utf8JsonWriter writer, int index)
    {
        var person = population.Graduate(index);
        var school = Pick(Schools);
        var major = Pick(Majors);
        WriteIdentity(writer, person, 97);
        writer.WriteString("gender", person.Gender);
        writer.WriteString("birthDate", Date(person.BirthDate));
        writer.WriteString("schoolCode", school.Code);
        writer.WriteString("schoolName", school.Name);
        writer.WriteString("majorCode", major.Code);
        writer.WriteString("majorName", major.Name);
        writer.WriteString("educationLevel", major.Level);
        writer.WriteString("graduationDate", Next(10) == 0 ? "2026-06-28" : "2026-06-30");
        var destination = Pick(Destinations);
        writer.WriteString("destination", destination);
        if (destination == "employed" && Next(100) < 80)
        {
            writer.WriteString("destinationEmployerCreditCode", NextEmployer().CreditCode);
        }

        writer.WriteString("hukouRegion", person.Region.Code);
        if (Next(100) < 70)
        {
            writer.WriteString("phone", person.Phone);
        }

        writer.WriteBoolean("hardshipFamily", Next(100) < 8);
        writer.WriteBoolean("disabled", Next(100) < 1);
    }

    private void WriteSkillCertificate(Utf8JsonWriter writer)
    {
        var person = NextAdult();
        var occupation = Pick(Occupations);
        var issued = NextDay();
        WriteIdentity(writer, person, 97);
        writer.WriteString("occupationCode", occupation.Code);
        writer.WriteString("occupationName", occupation.Name);
        var roll = Next(100);
        writer.WriteNumber("skillLevel", roll < 3 ? 1 : roll < 10 ? 2 : roll < 30 ? 3 : roll < 65 ? 4 : 5);
        if (Next(100) < 80)
        {
            writer.WriteString("certificateNumber", string.Create(CultureInfo.InvariantCulture,
                $"S0000{person.Region.Code}{Next(100_000):D5}{issued:yy}{Next(10_000):D4}"));
        }

        writer.WriteString("issuedDate", Date(issued));
        writer.WriteString("issuingRegion", person.Region.Code);
    }

    private void WriteSocialAssistance(Utf8JsonWriter writer)
    {
        var person = NextAdult();
        var effective = NextDay();
        var roll = Next(100);
        var type = roll < 60 ? "minimum-living" : roll < 75 ? "extreme-poverty" : "temporary";
        WriteIdentity(writer, person, 95);
        var prefix = type switch { "minimum-living" => "DB", "extreme-poverty" => "TK", _ => "LS" };
        writer.WriteString("householdNumber", string.Create(CultureInfo.InvariantCulture,
            $"{prefix}{person.Region.Code}-{Next(2015, 2027)}-{Next(1, 100_000):D5}"));
        writer.WriteString("assistanceType", type);
        writer.WriteString("status", Next(100) < 85 ? "granted" : "terminated");
        writer.WriteString("effectiveDate", Date(effective));
        writer.WriteString("assistanceRegion", person.Region.Code);
        var age = effective.Year - person.BirthDate.Year - (effective.DayOfYear < person.BirthDate.DayOfYear ? 1 : 0);
        writer.WriteBoolean("workingAge", age is >= 16 and < 60);
        if (Next(100) < 12)
        {
            writer.WriteNumber("disabilityLevel", Next(1, 5));
        }
    }

    // Departments send the identity number whenever they hold it; a few records arrive without one, as in the samples.
    private void WriteIdentity(Utf8JsonWriter writer, Person person, int idNumberPercent)
    {
        if (idNumberPercent >= 100 || Next(100) < idNumberPercent)
        {
            writer.WriteString("idNumber", person.IdNumber);
        }

        writer.WriteString("name", person.Name);
    }

    private Person NextAdult() => population.Adult(Next(population.Size));

    private Employer NextEmployer() => population.Employer(Next(population.EmployerCount));

    private string NextPeriod() => string.Create(CultureInfo.InvariantCulture, $"2026-{Next(1, 11):D2}");

    private DateOnly NextDay() => YearStart.AddDays(Next(LastDay.DayNumber - YearStart.DayNumber + 1));

    private string NextDate() => Date(NextDay());

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

#pragma warning disable CA5394 // Reproducible test data, not security.
    private int Next(int maxExclusive) => random.Next(maxExclusive);

    private int Next(int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);
#pragma warning restore CA5394
}
