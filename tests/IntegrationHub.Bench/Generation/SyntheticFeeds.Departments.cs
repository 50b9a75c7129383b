namespace IntegrationHub.Bench.Generation;

// The records each department sends about a person: public security, education, tax and social insurance, HR's
// registrations and certificates, civil affairs' assistance.
public sealed partial class SyntheticFeeds
{
    private IEnumerable<GeneratedRecord> HouseholdRegistration(SyntheticPerson person)
    {
        var household = person.Household;
        var start = person.BirthDate > WindowStart ? person.BirthDate : WindowStart;
        var firstChange = person.BirthDate >= WindowStart ? "birth" : Chance(0.4) ? "move-in" : "correction";
        var firstDate = firstChange == "birth"
            ? Min(person.BirthDate.AddDays(Draw.Int(random, 0, 60)), PopulationBuilder.LastEventDay)
            : Draw.Day(random, start, PopulationBuilder.LastEventDay);
        yield return Ps(person, firstChange, firstDate, false);
        if (person.FormerIdNumber is not null)
        {
            yield return Ps(person, "number-change", Draw.Day(random, start, PopulationBuilder.LastEventDay), true);
        }

        if (Chance(0.05))
        {
            yield return Ps(person, "correction", Draw.Day(random, start, PopulationBuilder.LastEventDay), false);
        }

        GeneratedRecord Ps(SyntheticPerson p, string changeType, DateOnly changeDate, bool numberChange) =>
            Write("ps", "household-registration", $"HJ{Next("ps"):D10}", p, true, true, (writer, identity) =>
            {
                if (numberChange)
                {
                    writer.WriteString("formerIdNumber", p.FormerIdNumber);
                }

                writer.WriteString("name", identity.Name);
                if (p.FormerName is not null)
                {
                    writer.WriteStartArray("formerNames");
                    writer.WriteStringValue(p.FormerName);
                    writer.WriteEndArray();
                }

                writer.WriteString("gender", p.Gender);
                writer.WriteString("birthDate", identity.BirthDate);
                writer.WriteString("ethnicity", p.Ethnicity);
                writer.WriteString("hukouRegion", household.Region.Code);
                writer.WriteString("hukouAddress", household.Address);
                writer.WriteString("householdNumber", household.Number);
                if (Chance(0.95))
                {
                    writer.WriteString("relationToHead", p.RelationToHead);
                }

                writer.WriteString("changeType", changeType);
                writer.WriteString("changeDate", Date(changeDate));
            });
    }

    private GeneratedRecord Graduate(SyntheticPerson person, LifeCourse life)
    {
        var study = life.Study!.Value;
        var years = study.Level switch { "31" => 3, "21" => 4, "14" => 3, _ => 4 };
        var recordId = string.Create(CultureInfo.InvariantCulture,
            $"{study.SchoolCode}{life.GraduationYear - years}{Next("edu"):D7}");
        return Write("edu", "graduate-roster", recordId, person, false, true, (writer, identity) =>
        {
            writer.WriteString("name", identity.Name);
            writer.WriteString("gender", person.Gender);
            writer.WriteString("birthDate", identity.BirthDate);
            writer.WriteString("schoolCode", study.SchoolCode);
            writer.WriteString("schoolName", study.SchoolName);
            writer.WriteString("majorCode", study.Code);
            writer.WriteString("majorName", study.Name);
            writer.WriteString("educationLevel", study.Level);
            writer.WriteString("graduationDate", string.Create(CultureInfo.InvariantCulture,
                $"{life.GraduationYear}-06-{(Chance(0.1) ? 28 : 30)}"));
            writer.WriteString("destination", life.Destination);
            if (life.Destination == "employed" && Chance(0.8))
            {
                writer.WriteString("destinationEmployerCreditCode",
                    (life.Employer ?? employers.Employer(Draw.Int(random, employers.EmployerCount))).CreditCode);
            }

            writer.WriteString("hukouRegion", person.Household.Region.Code);
            if (identity.Phone is not null)
            {
                writer.WriteString("phone", identity.Phone);
            }

            writer.WriteBoolean("hardshipFamily", Chance(0.08));
            writer.WriteBoolean("disabled", Chance(0.01));
        });
    }

    private IEnumerable<GeneratedRecord> Work(SyntheticPerson person, LifeCourse life)
    {
        var employer = life.Employer!;
        var form = life.EmploymentForm;
        if (form != "flexible")
        {
            var incomeType = form switch { "platform" => "labor-remuneration", "self-employed" => "business", _ => "wages" };
            for (var month = life.FirstMonth; month <= life.LastMonth; month++)
            {
                var period = Period(month);
                yield return Write("tax", "wage-withholding", $"GS{Next("tax"):D10}", person, false, false, (writer, identity) =>
                {
                    writer.WriteString("name", identity.Name);
                    writer.WriteString("employerCreditCode", employer.CreditCode);
                    writer.WriteString("employerName", employer.Name);
                    writer.WriteString("period", period);
                    writer.WriteString("incomeType", incomeType);
                    writer.WriteString("incomeBand", life.IncomeBand);
                });
            }
        }

        // Employees are insured for all four risks through the employer; the others insure themselves for pension and medical.
        var standard = form == "standard";
        if (!standard && !Chance(0.6))
        {
            yield break;
        }

        var types = standard ? InsuranceTypes : InsuranceTypes[..2];
        var region = standard ? employer.Region : life.WorkRegion.Code;
        for (var month = life.FirstMonth; month <= life.LastMonth; month++)
        {
            var period = Period(month);
            foreach (var type in types)
            {
                var roll = Draw.Int(random, 1000);
                var status = roll < 970 ? "paid" : roll < 990 ? "arrears" : "suspended";
                yield return Write("hr", "social-insurance", $"SI{Next("si"):D10}", person, false, false, (writer, identity) =>
                {
                    writer.WriteString("name", identity.Name);
                    writer.WriteString("insuranceType", type);
                    writer.WriteString("period", period);
                    writer.WriteString("status", status);
                    if (standard)
                    {
                        writer.WriteString("employerCreditCode", employer.CreditCode);
                    }

                    writer.WriteString("insuredRegion", region);
                });
            }
        }
    }

    private IEnumerable<GeneratedRecord> Registrations(SyntheticPerson person, LifeCourse life)
    {
        var age = person.AgeOn(PopulationBuilder.LastEventDay);
        if (life.Working)
        {
            var employer = life.Employer!;
            if (life.FirstMonth > 1)
            {
                var day = Draw.Day(random, new DateOnly(2026, life.FirstMonth, 1), new DateOnly(2026, life.FirstMonth, 28));
                yield return Registration(person, life, "employment", day, employer, null);
            }

            if (life.LastMonth < LastPeriodMonth)
            {
                var day = Draw.Day(random, new DateOnly(2026, life.LastMonth + 1, 1), new DateOnly(2026, life.LastMonth + 1, 28));
                yield return Registration(person, life, "employment-ended", day, employer, null);
            }
        }
        else if (age is >= 18 and < 60 && (life.Destination == "not-yet-placed" ? Chance(0.4) : life.Study is null && Chance(0.12)))
        {
            var day = Draw.Day(random, YearStart, PopulationBuilder.LastEventDay.AddDays(-30));
            var category = Chance(0.35)
                ? (person.Gender == "2" && age >= 40) || age >= 50 ? "age-40-50" : Draw.Pick(random, OtherDifficulties)
                : null;
            yield return Registration(person, life, "unemployment", day, null, category);
            if (Chance(0.3))
            {
                var ended = Draw.Day(random, day, PopulationBuilder.LastEventDay);
                yield return Registration(person, life, "unemployment-ended", ended, null, null);
            }
        }
    }

    private GeneratedRecord Registration(SyntheticPerson person, LifeCourse life, string eventType, DateOnly day, Employer? employer,
        string? category) =>
        Write("hr", "employment-registration", $"JY{Next("er"):D10}", person, false, false, (writer, identity) =>
        {
            writer.WriteString("name", identity.Name);
            if (Chance(0.9))
            {
                writer.WriteString("gender", person.Gender);
            }

            writer.WriteString("eventType", eventType);
            writer.WriteString("eventDate", Date(day));
            writer.WriteString("registrationRegion", life.WorkRegion.Code);
            if (employer is not null)
            {
                writer.WriteString("employerCreditCode", employer.CreditCode);
                writer.WriteString("employerName", employer.Name);
                writer.WriteString("employmentForm", life.EmploymentForm);
            }

            if (category is not null)
            {
                writer.WriteString("difficultyCategory", category);
            }

            if (identity.Phone is not null)
            {
                writer.WriteString("phone", identity.Phone);
            }
        });

    private GeneratedRecord Certificate(SyntheticPerson person, LifeCourse life)
    {
        var occupation = Draw.Pick(random, Occupations);
        var adult = person.BirthDate.AddYears(18);
        var issued = Draw.Day(random, adult > new DateOnly(2019, 1, 1) ? adult : new DateOnly(2019, 1, 1), PopulationBuilder.LastEventDay);
        var roll = Draw.Int(random, 100);
        var level = roll < 3 ? 1 : roll < 10 ? 2 : roll < 30 ? 3 : roll < 65 ? 4 : 5;
        var region = life.WorkRegion.Code;
        return Write("hr", "skill-certificate", $"ZS{Next("sc"):D10}", person, false, false, (writer, identity) =>
        {
            writer.WriteString("name", identity.Name);
            writer.WriteString("occupationCode", occupation.Code);
            writer.WriteString("occupationName", occupation.Name);
            writer.WriteNumber("skillLevel", level);
            if (Chance(0.8))
            {
                writer.WriteString("certificateNumber", string.Create(CultureInfo.InvariantCulture,
                    $"S0000{region}{Draw.Int(random, 100_000):D5}{issued:yy}{Draw.Int(random, 10_000):D4}"));
            }

            writer.WriteString("issuedDate", Date(issued));
            writer.WriteString("issuingRegion", region);
        });
    }

    private GeneratedRecord Assistance(SyntheticPerson person, (string Type, string Number, string Status, DateOnly Effective) decision)
    {
        var age = person.AgeOn(decision.Effective);
        return Write("ca", "social-assistance", $"MZ{Next("ca"):D10}", person, false, false, (writer, identity) =>
        {
            writer.WriteString("name", identity.Name);
            writer.WriteString("householdNumber", decision.Number);
            writer.WriteString("assistanceType", decision.Type);
            writer.WriteString("status", decision.Status);
            writer.WriteString("effectiveDate", Date(decision.Effective));
            writer.WriteString("assistanceRegion", person.Household.Region.Code);
            writer.WriteBoolean("workingAge", age is >= 16 and < 60);
            if (Chance(0.06))
            {
                writer.WriteNumber("disabilityLevel", Draw.Int(random, 1, 5));
            }
        });
    }
}
