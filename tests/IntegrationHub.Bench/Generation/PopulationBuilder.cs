namespace IntegrationHub.Bench.Generation;

/// <summary>
/// Builds the synthetic population household by household, with the hard cases of identity reconciliation made on purpose:
/// namesakes, twins, number changes, former names, numbers whose region prefix is an older GB/T 2260 code.
/// </summary>
public sealed class PopulationBuilder
{
    public static readonly DateOnly LastEventDay = new(2026, 11, 20);

    // Deliberate namesakes (same common name, birth date and district, distinct people) on top of the collisions that the
    // skewed name distribution already produces: a 张伟 born on one day in one district has a namesake more often than chance.
    public const double NamesakeRate = 0.002;

    // Twin deliveries are about 1.5% of births in China (more since assisted reproduction spread).
    public const double TwinRate = 0.015;

    // Numbers change after a duplicate number (重号) is found or a wrong birth date is corrected: about 1 person in 1,000.
    public const double NumberChangeRate = 0.001;

    // 曾用名: common among people who renamed as adults or whose childhood name was changed at school entry.
    public const double FormerNameRateAdults = 0.03;
    public const double FormerNameRateChildren = 0.01;

    public const double NonLocalHouseholdRate = 0.04;

    // A number keeps the region of its issue: about one person in five was registered somewhere else before moving here.
    public const double NumberFromOtherDistrictRate = 0.2;

    private const double UyghurRate = 0.002;
    private const double MinorityRate = 0.07;

    // Tujia and Miao (Chongqing), Yi, Tibetan, Qiang (Sichuan), Hui.
    private static readonly string[] MinorityCodes = ["15", "06", "07", "04", "33", "03"];

    private static readonly Region[] Outside =
    [
        new("420106", "湖北省", "武汉", "武昌区"), new("410105", "河南省", "郑州", "金水区"), new("530102", "云南省", "昆明", "五华区"),
        new("520102", "贵州省", "贵阳", "南明区"), new("610113", "陕西省", "西安", "雁塔区"), new("430104", "湖南省", "长沙", "岳麓区"),
    ];

    // Earlier GB/T 2260 codes of the districts used (from gbt2260-areacodes.csv): a number issued before the year keeps the code.
    private static readonly Dictionary<string, (int Until, string Code)[]> EarlierCodes = new(StringComparer.Ordinal)
    {
        ["500103"] = [(1997, "510202")], ["500104"] = [(1997, "510203")], ["500105"] = [(1997, "510211")],
        ["500106"] = [(1997, "510212")], ["500107"] = [(1997, "510213")], ["500108"] = [(1997, "510214")],
        ["500112"] = [(1994, "510224"), (1997, "510218")], ["510104"] = [(1990, "510102")], ["510105"] = [(1990, "510103")],
        ["510106"] = [(1990, "510111")], ["510107"] = [(1990, "510102")], ["510108"] = [(1990, "510102")],
        ["510114"] = [(2001, "510125")],
    };

    private static readonly string[] Streets = ["人民路", "解放路", "建设路", "民生路", "中山路", "新华路", "滨江路", "和平路", "学府路", "光华大道"];

    // Household sizes of urban Chongqing and Sichuan (2020 census: about 2.6 people per household).
    private static readonly int[] SizeWeights = [25, 30, 21, 13, 7, 4];

    private readonly Random random;
    private readonly HashSet<string> numbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> phones = new(StringComparer.Ordinal);
    private readonly List<SyntheticPerson> persons = [];
    private readonly List<SyntheticPerson> heads = [];
    private int householdSequence;

    public PopulationBuilder(Random random)
    {
        this.random = random;
    }

    public static List<SyntheticPerson> Build(int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var builder = new PopulationBuilder(random);
        while (builder.persons.Count < count)
        {
            builder.AddHousehold(count - builder.persons.Count);
        }

        return builder.persons;
    }

    private void AddHousehold(int room)
    {
        var size = Math.Min(room, 1 + WeightedIndex(SizeWeights));
        var extraRoom = room > size ? 1 : 0;
        var namesakeOf = heads.Count > 0 && Draw.Chance(random, NamesakeRate) ? Draw.Pick(random, heads) : null;
        var local = namesakeOf?.Household.Local ?? !Draw.Chance(random, NonLocalHouseholdRate);
        var region = namesakeOf?.Household.Region ?? (local ? Draw.Pick(random, Population.Regions) : Draw.Pick(random, Outside));
        householdSequence++;
        var address = string.Create(CultureInfo.InvariantCulture,
            $"{region.Province}{region.City}市{region.District}{Draw.Pick(random, Streets)}{Draw.Int(random, 1, 400)}号"
            + $"{Draw.Int(random, 1, 30)}栋{Draw.Int(random, 1, 5)}单元{Draw.Int(random, 1, 33)}0{Draw.Int(random, 1, 5)}号");
        var household = new SyntheticHousehold(
            string.Create(CultureInfo.InvariantCulture, $"{region.Code}{householdSequence:D9}"), region, address, local);
        var ethnicity = Draw.Chance(random, MinorityRate) ? Draw.Pick(random, MinorityCodes) : "01";
        var uyghur = Draw.Chance(random, UyghurRate);
        if (uyghur)
        {
            ethnicity = "05";
        }

        var headMale = namesakeOf is not null ? namesakeOf.Gender == "1" : Draw.Chance(random, 0.6);
        var headBirth = namesakeOf?.BirthDate ?? Draw.Day(random, new DateOnly(1946, 1, 1), new DateOnly(2004, 11, 20));
        var head = Add(household, "户主", headMale, headBirth, namesakeOf?.Surname[0] ?? Names.Surname(random), ethnicity, uyghur,
            namesakeOf);
        heads.Add(head);
        var left = size - 1;

        var spouse = (SyntheticPerson?)null;
        if (left > 0 && Draw.Chance(random, 0.85))
        {
            var birth = Clamp(headBirth.AddDays(Draw.Int(random, -4 * 365, 4 * 365)), new DateOnly(1940, 1, 1), new DateOnly(2004, 11, 20));
            spouse = Add(household, "配偶", !headMale, birth, Names.Surname(random),
                Draw.Chance(random, MinorityRate) ? Draw.Pick(random, MinorityCodes) : ethnicity, uyghur, null);
            left--;
        }

        if (left >= 3 && headBirth.Year >= 1958 && Draw.Chance(random, 0.5))
        {
            var parentMale = Draw.Chance(random, 0.4);
            var birth = headBirth.AddDays(-Draw.Int(random, 22 * 365, 34 * 365));
            Add(household, parentMale ? "父亲" : "母亲", parentMale, birth, parentMale ? head.Surname[0] : Names.Surname(random), ethnicity,
                uyghur, null);
            left--;
        }

        var fatherSurname = headMale ? head.Surname[0] : spouse?.Surname[0] ?? head.Surname[0];
        var father = headMale ? head : spouse;
        var patronym = !uyghur ? null
            : father is not null ? father.Name[..father.Name.IndexOf('·', StringComparison.Ordinal)]
            : head.Surname;
        var mother = headMale ? spouse : head;
        var motherBirth = mother?.BirthDate ?? headBirth;
        var earliest = motherBirth.AddYears(21);
        var latest = Min(motherBirth.AddYears(40), LastEventDay);
        while (left > 0 && earliest <= latest)
        {
            var birth = Draw.Day(random, earliest, Min(earliest.AddYears(6), latest));
            var male = Draw.Chance(random, 0.51);
            var child = Add(household, male ? "子" : "女", male, birth, fatherSurname, ethnicity, uyghur, null, patronym: patronym);
            left--;
            // A twin may make the household one larger than drawn: the size was drawn per birth, not per child.
            if (left + extraRoom > 0 && Draw.Chance(random, TwinRate))
            {
                if (left == 0)
                {
                    extraRoom--;
                    left++;
                }

                var twinMale = Draw.Chance(random, 0.51);
                var twin = Add(household, twinMale ? "子" : "女", twinMale, birth, fatherSurname, ethnicity, uyghur, null, child, patronym);
                child.TwinOf = twin.Key;
                left--;
            }

            earliest = birth.AddYears(1).AddDays(Draw.Int(random, 0, 4 * 365));
        }
    }

    private SyntheticPerson Add(SyntheticHousehold household, string relation, bool male, DateOnly birth, char surname, string ethnicity,
        bool uyghur, SyntheticPerson? namesakeOf, SyntheticPerson? twinOf = null, string? patronym = null)
    {
        var index = persons.Count;
        var key = string.Create(CultureInfo.InvariantCulture, $"P{index:D7}");
        var name = namesakeOf?.Name ?? (uyghur ? Names.Uyghur(random, male, patronym) : Given(surname, male, birth.Year, twinOf));
        while (uyghur && twinOf is not null && name == twinOf.Name)
        {
            name = Names.Uyghur(random, male, patronym);
        }

        var prefix = twinOf?.IdNumber[..6] ?? NumberPrefix(household, birth);
        var nearSequence = twinOf is null ? (int?)null : int.Parse(twinOf.IdNumber.AsSpan(14, 3), CultureInfo.InvariantCulture);
        var idNumber = AllocateNumber(prefix, birth, male, nearSequence);
        string? formerId = null;
        if (Draw.Chance(random, NumberChangeRate))
        {
            // A duplicate number (same prefix, date and sequence issued twice) gets a new sequence; a corrected birth date, a new date.
            var formerBirth = Draw.Chance(random, 0.7) ? birth : Min(birth.AddDays(Draw.Int(random, -40, 41)), LastEventDay);
            formerId = AllocateNumber(prefix, formerBirth, male, null);
        }

        var age = LastEventDay.Year - birth.Year;
        string? formerName = null;
        if (!uyghur && namesakeOf is null && Draw.Chance(random, age >= 18 ? FormerNameRateAdults : FormerNameRateChildren))
        {
            do
            {
                formerName = $"{surname}{Names.Given(random, male, birth.Year)}";
            }
            while (formerName == name);
        }

        var person = new SyntheticPerson
        {
            Key = key,
            Index = index,
            IdNumber = idNumber,
            FormerIdNumber = formerId,
            Name = name,
            FormerName = formerName,
            // For a Uyghur name the family part is the father's name after the dot.
            Surname = uyghur ? name[(name.IndexOf('·', StringComparison.Ordinal) + 1)..] : surname.ToString(),
            Gender = male ? "1" : "2",
            BirthDate = birth,
            Ethnicity = ethnicity,
            Household = household,
            RelationToHead = relation,
            Phone = age >= 14 ? AllocatePhone() : null,
            NamesakeOf = namesakeOf?.Key,
            TwinOf = twinOf?.Key,
        };
        persons.Add(person);
        household.Members.Add(person);
        return person;
    }

    private string Given(char surname, bool male, int birthYear, SyntheticPerson? twinOf)
    {
        if (twinOf is null)
        {
            return $"{surname}{Names.Given(random, male, birthYear)}";
        }

        // Twins are usually named as a pair: the same first given character, a different second one.
        var given = twinOf.Name[1..];
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var candidate = Names.Given(random, male, birthYear);
            var name = given.Length == 2 && candidate.Length == 2 ? $"{surname}{given[0]}{candidate[1]}" : $"{surname}{candidate}";
            if (name != twinOf.Name)
            {
                return name;
            }
        }

        return $"{surname}{given}{(male ? '哥' : '妹')}";
    }

    private string NumberPrefix(SyntheticHousehold household, DateOnly birth)
    {
        var region = household.Local && Draw.Chance(random, NumberFromOtherDistrictRate)
            ? Draw.Pick(random, Population.Regions)
            : household.Region;
        var issued = Math.Max(birth.Year, 1985);
        if (EarlierCodes.TryGetValue(region.Code, out var earlier))
        {
            foreach (var (until, code) in earlier)
            {
                if (issued < until)
                {
                    return code;
                }
            }
        }

        return region.Code;
    }

    private string AllocateNumber(string prefix, DateOnly birth, bool male, int? nearSequence)
    {
        for (var attempt = 0; ; attempt++)
        {
            int sequence;
            if (nearSequence is { } near && attempt < 3)
            {
                // Twins are registered together: the next free sequence of the right parity (odd for men).
                sequence = near + 1 + attempt;
                if ((sequence % 2 == 1) != male)
                {
                    sequence++;
                }
            }
            else
            {
                sequence = (Draw.Int(random, 500) * 2) + (male ? 1 : 0);
            }

            if (sequence > 999)
            {
                continue;
            }

            var first17 = string.Create(CultureInfo.InvariantCulture, $"{prefix}{birth:yyyyMMdd}{sequence:D3}");
            var number = first17 + NationalCodes.IdentityCheckCharacter(first17);
            if (numbers.Add(number))
            {
                return number;
            }
        }
    }

    private string AllocatePhone()
    {
        while (true)
        {
            var phone = string.Create(CultureInfo.InvariantCulture,
                $"1{"3456789"[Draw.Int(random, 7)]}{Draw.Int(random, 100_000):D5}{Draw.Int(random, 10_000):D4}");
            if (phones.Add(phone))
            {
                return phone;
            }
        }
    }

    private int WeightedIndex(int[] weights)
    {
        var roll = Draw.Int(random, weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Clamp(DateOnly value, DateOnly from, DateOnly to) => value < from ? from : value > to ? to : value;
}
