namespace IntegrationHub.Bench;

/// <summary>
/// The people and employers of one run, computed from their index on demand so nothing is held in memory.
/// Every index maps to a distinct identity number: the index is scrambled by a bijection onto (region, birth day, sequence).
/// </summary>
public sealed class Population
{
    public static readonly IReadOnlyList<Region> Regions =
    [
        new("500101", "重庆市", "重庆", "万州区"), new("500103", "重庆市", "重庆", "渝中区"), new("500104", "重庆市", "重庆", "大渡口区"),
        new("500105", "重庆市", "重庆", "江北区"), new("500106", "重庆市", "重庆", "沙坪坝区"), new("500107", "重庆市", "重庆", "九龙坡区"),
        new("500108", "重庆市", "重庆", "南岸区"), new("500112", "重庆市", "重庆", "渝北区"), new("510104", "四川省", "成都", "锦江区"),
        new("510105", "四川省", "成都", "青羊区"), new("510106", "四川省", "成都", "金牛区"), new("510107", "四川省", "成都", "武侯区"),
        new("510108", "四川省", "成都", "成华区"), new("510112", "四川省", "成都", "龙泉驿区"), new("510113", "四川省", "成都", "青白江区"),
        new("510114", "四川省", "成都", "新都区"),
    ];

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆汪范廖付熊秦邱江";
    private const string MaleGiven = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国志成文东德荣";
    private const string FemaleGiven = "芳娜敏静丽艳娟霞秀燕玲桂丹萍红雪琳婷慧莉倩颖欣怡佳梅兰雨萱晓思涵";
    private const string PhoneSecondDigits = "35789";
    private const string BrandWords = "山城两江嘉陵巴渝天府锦城蓉创渝新长江西部华信博远鑫达宏图瑞丰同创";
    private static readonly string[] Industries =
        ["科技有限公司", "物流有限公司", "餐饮管理有限公司", "建筑工程有限公司", "汽车零部件有限公司", "软件技术有限公司", "商贸有限公司", "人力资源服务有限公司"];
    private static readonly string[] Shops = ["小面馆", "川菜馆", "火锅店", "便利店", "五金店", "理发店"];

    // Minority codes by rough share among residents of Chongqing and Chengdu: Tujia, Miao, Tibetan, Yi, Hui, Qiang.
    private static readonly string[] MinorityCodes = ["15", "06", "04", "07", "03", "33"];

    private const ulong Scrambler = 2_654_435_761;

    private static readonly DateOnly AdultsFrom = new(1960, 1, 1);
    private static readonly DateOnly AdultsTo = new(2004, 12, 31);
    private static readonly DateOnly GraduatesFrom = new(1999, 1, 1);

    private readonly ulong seed;

    public Population(int seed, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        this.seed = (ulong)(uint)seed;
        Size = size;
        EmployerCount = Math.Max(50, size / 40);
    }

    /// <summary>How many people the feeds draw from, so one person shows up in several feeds and months.</summary>
    public int Size { get; }

    public int EmployerCount { get; }

    /// <summary>A person born 1960-2004, with an identity-number sequence 000-499.</summary>
    public Person Adult(long index) => Create(index, AdultsFrom, 0, 0x5EED_0001);

    /// <summary>A graduate born 1999-2004, with a sequence 500-999 so no graduate shares a number with an adult.</summary>
    public Person Graduate(long index) => Create(index, GraduatesFrom, 500, 0x5EED_0002);

    public Employer Employer(int index)
    {
        var hash = Mix(seed ^ ((ulong)index * 0x9E37_79B9_7F4A_7C15) ^ 0x5EED_0003);
        var region = Regions[(int)(hash % (ulong)Regions.Count)];
        hash /= (ulong)Regions.Count;
        var individual = hash % 20 == 0;
        hash /= 20;
        Span<char> code = stackalloc char[18];
        (individual ? "92" : "91").CopyTo(code);
        region.Code.CopyTo(code[2..]);
        code[8] = 'M';
        code[9] = 'A';
        for (var i = 10; i < 16; i++)
        {
            code[i] = NationalCodes.CreditCodeAlphabet[(int)(hash % 31)];
            hash /= 31;
        }

        code[16] = NationalCodes.OrganizationCheckCharacter(code[8..16]);
        code[17] = NationalCodes.CreditCodeCheckCharacter(code[..17]);
        var name = individual
            ? $"{region.City}市{region.District}{Surnames[(int)(hash % (ulong)Surnames.Length)]}记"
              + Shops[(int)(hash / 97 % (ulong)Shops.Length)]
            : $"{region.City}{BrandWords.AsSpan((int)(hash % (ulong)(BrandWords.Length / 2)) * 2, 2)}"
              + Industries[(int)(hash / 89 % (ulong)Industries.Length)];
        return new Employer(new string(code), name, region.Code);
    }

    private Person Create(long index, DateOnly from, int sequenceBase, ulong stream)
    {
        var days = (ulong)(AdultsTo.DayNumber - from.DayNumber + 1);
        var space = (ulong)Regions.Count * days * 500;
        if ((ulong)index >= space)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "more people than distinct identity numbers");
        }

        // Scrambler is a prime larger than the space, so this is a permutation of [0, space): distinct indexes, distinct numbers.
        var slot = (ulong)(((UInt128)(ulong)index * Scrambler + Mix(seed ^ stream)) % space);
        var region = Regions[(int)(slot % (ulong)Regions.Count)];
        slot /= (ulong)Regions.Count;
        var sequence = sequenceBase + (int)(slot % 500);
        var birthDate = DateOnly.FromDayNumber(from.DayNumber + (int)(slot / 500));

        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region.Code}{birthDate:yyyyMMdd}{sequence:D3}");
        var idNumber = first17 + NationalCodes.IdentityCheckCharacter(first17);
        var male = sequence % 2 == 1;

        var hash = Mix(seed ^ ((ulong)index * 0xD1B5_4A32_D192_ED03) ^ stream);
        var given = male ? MaleGiven : FemaleGiven;
        var name = Surnames[(int)(hash % (ulong)Surnames.Length)].ToString() + given[(int)(hash / 61 % (ulong)given.Length)];
        if (hash / 3779 % 3 != 0)
        {
            name += given[(int)(hash / 11_351 % (ulong)given.Length)];
        }

        var phoneHash = Mix(hash);
        var phone = string.Create(CultureInfo.InvariantCulture,
            $"1{PhoneSecondDigits[(int)(phoneHash % 5)]}{phoneHash / 5 % 1_000_000_000:D9}");
        var ethnicity = hash / 1_299_709 % 100 < 92 ? "01" : MinorityCodes[(int)(hash / 7 % (ulong)MinorityCodes.Length)];
        return new Person(idNumber, name, male ? "1" : "2", birthDate, region, phone, ethnicity);
    }

    // SplitMix64's finalizer: a cheap, well-mixed hash of a 64-bit value.
    private static ulong Mix(ulong x)
    {
        x += 0x9E37_79B9_7F4A_7C15;
        x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
        x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
        return x ^ (x >> 31);
    }
}
