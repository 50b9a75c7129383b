namespace IntegrationHub.Bench.Generation;

/// <summary>A 户 of the population: its registration (absent for people registered outside the two cities) and members.</summary>
public sealed class SyntheticHousehold(string number, Region region, string address, bool local)
{
    public string Number { get; } = number;

    public Region Region { get; } = region;

    public string Address { get; } = address;

    /// <summary>False for households registered in another province: public security here holds no record of them.</summary>
    public bool Local { get; } = local;

    public List<SyntheticPerson> Members { get; } = [];
}
