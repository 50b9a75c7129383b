namespace IntegrationHub.Bench.Generation;

/// <summary>
/// Chinese names drawn the way they are distributed: a few surnames cover most people, and each generation favoured its
/// own given-name characters, so common names (and namesakes) cluster in the same birth years as they do in reality.
/// </summary>
public static class Names
{
    // The 50 most common surnames with their approximate share (per mille) of the population.
    private static readonly (char Surname, int PerMille)[] Surnames =
    [
        ('王', 71), ('李', 70), ('张', 66), ('刘', 54), ('陈', 45), ('杨', 31), ('黄', 22), ('赵', 20), ('吴', 19), ('周', 19),
        ('徐', 15), ('孙', 15), ('马', 14), ('朱', 13), ('胡', 13), ('郭', 12), ('何', 12), ('高', 11), ('林', 11), ('罗', 11),
        ('郑', 10), ('梁', 10), ('谢', 8), ('宋', 8), ('唐', 8), ('许', 7), ('韩', 7), ('冯', 7), ('邓', 7), ('曹', 7),
        ('彭', 6), ('曾', 6), ('肖', 6), ('田', 6), ('董', 5), ('袁', 5), ('潘', 5), ('于', 5), ('蒋', 5), ('蔡', 5),
        ('余', 5), ('杜', 5), ('叶', 4), ('程', 4), ('苏', 4), ('魏', 4), ('吕', 4), ('丁', 4), ('任', 4), ('沈', 4),
    ];

    private static readonly int SurnameTotal = Surnames.Sum(s => s.PerMille);

    // Given-name characters by generation, most popular first.
    private static readonly string[] MaleByEra = ["建国华明军平志伟德成文东强林勇刚海春国兵", "伟磊勇军杰涛斌超明刚鹏辉波飞强华亮俊峰", "浩杰宇轩鑫磊鹏帅俊博豪晨阳凯文子天航泽"];
    private static readonly string[] FemaleByEra = ["秀英兰芳玉珍红梅桂华丽霞凤琴翠云萍淑敏", "丽静敏燕艳娟芳霞婷玲丹雪莉红慧琳倩颖", "婷欣怡佳悦雨涵思琪雪梓萱诗晨梦瑶可馨"];

    // Two-character given names that became fashions of their own after 2005.
    private static readonly string[] RecentMale = ["子涵", "浩宇", "梓轩", "宇轩", "一诺", "子轩", "浩然", "俊熙", "梓豪", "睿"];
    private static readonly string[] RecentFemale = ["子涵", "欣怡", "梓涵", "一诺", "雨桐", "诗涵", "可馨", "梓萱", "思彤", "语嫣"];

    private static readonly string[] UyghurMale = ["买买提", "艾力", "阿不都", "吐尔洪", "艾买提", "努尔", "亚森"];
    private static readonly string[] UyghurFemale = ["阿依古丽", "古丽娜尔", "热依拉", "迪丽拜尔", "帕提古丽", "米热"];
    private static readonly string[] UyghurFathers = ["吐尔逊", "艾山", "热合曼", "阿布拉", "玉素甫", "买买提", "依明"];

    public static char Surname(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = Draw.Int(random, SurnameTotal);
        foreach (var (surname, perMille) in Surnames)
        {
            roll -= perMille;
            if (roll < 0)
            {
                return surname;
            }
        }

        return Surnames[0].Surname;
    }

    public static string Given(Random random, bool male, int birthYear)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (birthYear >= 2005 && Draw.Chance(random, 0.35))
        {
            var fashions = male ? RecentMale : RecentFemale;
            return fashions[Draw.Skewed(random, fashions.Length)];
        }

        var era = birthYear < 1975 ? 0 : birthYear < 1995 ? 1 : 2;
        var pool = (male ? MaleByEra : FemaleByEra)[era];
        var first = pool[Draw.Skewed(random, pool.Length)];
        return Draw.Chance(random, birthYear < 1975 ? 0.45 : 0.6) ? $"{first}{pool[Draw.Skewed(random, pool.Length)]}" : $"{first}";
    }

    /// <summary>A Uyghur name in the form officials write it: given name, middle dot, father's (given) name.</summary>
    public static string Uyghur(Random random, bool male, string? father)
    {
        ArgumentNullException.ThrowIfNull(random);
        var given = male ? UyghurMale : UyghurFemale;
        return $"{given[Draw.Int(random, given.Length)]}·{father ?? UyghurFathers[Draw.Int(random, UyghurFathers.Length)]}";
    }
}
