using IntegrationHub.Identity;
using IntegrationHub.Identity.Matching;

namespace IntegrationHub.Tests.Identity.Matching;

public sealed class MatchModelTests
{
    [Fact]
    public void WithOverrides_OneFieldConfigured_ReplacesThatFieldOnly()
    {
        var model = MatchModel.Default();
        var overrides = new Dictionary<string, FieldProbabilities>
        {
            ["birthdate"] = new() { M = [0.5, 0.2, 0.2, 0.1] },
        };

        var overridden = model.WithOverrides(overrides);

        Assert.Equal([0.5, 0.2, 0.2, 0.1], overridden.M[MatchField.BirthDate]);
        Assert.Equal(model.U[MatchField.BirthDate], overridden.U[MatchField.BirthDate]);
        Assert.Equal(model.M[MatchField.Name], overridden.M[MatchField.Name]);
        Assert.NotEqual(model.Weight(MatchField.BirthDate, 0), overridden.Weight(MatchField.BirthDate, 0));
    }

    [Theory]
    [InlineData("Name", 4)]
    [InlineData("Shoe", 5)]
    public void WithOverrides_WrongFieldOrLevelCount_SaysWhatIsWrong(string field, int levels)
    {
        var overrides = new Dictionary<string, FieldProbabilities>
        {
            [field] = new() { U = Enumerable.Repeat(1.0 / levels, levels).ToArray() },
        };

        var error = Assert.Throws<InvalidOperationException>(() => MatchModel.Default().WithOverrides(overrides));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhatWriteWrote_GivesTheSameWeights()
    {
        var model = MatchModel.Default();
        model.M[MatchField.Phone] = [0.7, 0.3];

        var read = MatchModelJson.Read(MatchModelJson.Write(model));

        foreach (var (field, levels) in MatchModel.Levels)
        {
            for (var level = 0; level < levels; level++)
            {
                Assert.Equal(model.Weight(field, level), read.Weight(field, level), 12);
            }
        }
    }
}
