using IntegrationHub.Bench.Scoring;

namespace IntegrationHub.Tests.Bench;

public sealed class LinkScorerTests
{
    // Two true persons: A holds r1-r3, B holds r4-r5 (4 true pairs: 3 of A, 1 of B).
    private static LinkScorer Truth()
    {
        var scorer = new LinkScorer();
        foreach (var (record, person) in new[] { ("r1", "A"), ("r2", "A"), ("r3", "A"), ("r4", "B"), ("r5", "B") })
        {
            scorer.AddTruth("hr", "social-insurance", record, person);
        }

        return scorer;
    }

    private static LinkScore Score(params (string Record, string Person)[] links)
    {
        var scorer = Truth();
        foreach (var (record, person) in links)
        {
            scorer.AddLink("hr", "social-insurance", record, person);
        }

        return scorer.Compute();
    }

    [Fact]
    public void Compute_PerfectLinkage_ScoresOne()
    {
        var score = Score(("r1", "x"), ("r2", "x"), ("r3", "x"), ("r4", "y"), ("r5", "y"));

        Assert.Equal((1.0, 1.0, 1.0), (score.Precision, score.Recall, score.F1));
        Assert.Equal((0L, 0L, 0L), (score.FalseMergeClusters, score.SplitPersons, score.MissingRecords));
        Assert.Equal((4L, 4L, 4L), (score.TruePairs, score.PredictedPairs, score.TruePositivePairs));
    }

    [Fact]
    public void Compute_EverythingMerged_KeepsRecallAndLosesPrecision()
    {
        var score = Score(("r1", "x"), ("r2", "x"), ("r3", "x"), ("r4", "x"), ("r5", "x"));

        Assert.Equal(10, score.PredictedPairs);
        Assert.Equal(0.4, score.Precision, 12);
        Assert.Equal(1.0, score.Recall);
        Assert.Equal(2 * 0.4 / 1.4, score.F1, 12);
        Assert.Equal(1, score.FalseMergeClusters);
        Assert.Equal(0, score.SplitPersons);
    }

    [Fact]
    public void Compute_EverythingSplit_HasNoRecallAndSplitsBothPersons()
    {
        var score = Score(("r1", "1"), ("r2", "2"), ("r3", "3"), ("r4", "4"), ("r5", "5"));

        Assert.Equal(0, score.PredictedPairs);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(0.0, score.Recall);
        Assert.Equal(0.0, score.F1);
        Assert.Equal(2, score.SplitPersons);
        Assert.Equal(0, score.FalseMergeClusters);
        Assert.Equal(5, score.PredictedPersons);
    }

    [Fact]
    public void Compute_OneFalseMerge_CountsOneCluster()
    {
        // B's r4 is put with A: predicted {r1,r2,r3,r4} and {r5}.
        var score = Score(("r1", "x"), ("r2", "x"), ("r3", "x"), ("r4", "x"), ("r5", "y"));

        Assert.Equal(6, score.PredictedPairs);
        Assert.Equal(3, score.TruePositivePairs);
        Assert.Equal(0.5, score.Precision, 12);
        Assert.Equal(0.75, score.Recall, 12);
        Assert.Equal(1, score.FalseMergeClusters);
        Assert.Equal(1, score.SplitPersons);
    }

    [Fact]
    public void Compute_MissingAndUnknownRecords_ScoresMissingAsSingletonsAndIgnoresUnknown()
    {
        var scorer = Truth();
        scorer.AddLink("hr", "social-insurance", "r1", "x");
        scorer.AddLink("hr", "social-insurance", "r2", "x");
        scorer.AddLink("hr", "social-insurance", "r4", "y");
        scorer.AddLink("hr", "social-insurance", "r5", "y");
        scorer.AddLink("hr", "social-insurance", "r9", "x");
        scorer.AddLink("tax", "wage-withholding", "r1", "x");
        scorer.AddLink("hr", "social-insurance", "r1", "z");

        var score = scorer.Compute();

        Assert.Equal(1, score.MissingRecords);
        Assert.Equal(2, score.UnknownRecords);
        Assert.Equal(1, score.DuplicateLinks);
        Assert.Equal(4, score.LinkedRecords);
        Assert.Equal(2, score.TruePositivePairs);
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(0.5, score.Recall, 12);
        Assert.Equal(1, score.SplitPersons);
        Assert.Equal(3, score.PredictedPersons);
    }

    [Fact]
    public void Run_Files_PrintsOneJsonObjectAndExitsZero()
    {
        var directory = Directory.CreateTempSubdirectory("score-").FullName;
        try
        {
            var truth = Path.Combine(directory, "truth.csv");
            var links = Path.Combine(directory, "links.ndjson");
            File.WriteAllText(truth, "department,feed,recordId,person\nhr,social-insurance,r1,A\nhr,social-insurance,r2,A\n"
                                     + "tax,wage-withholding,\"t,1\",A\nps,household-registration,h1,B\n");
            File.WriteAllText(links, """
                {"department":"hr","feed":"social-insurance","recordId":"r1","personId":"p1"}
                {"department":"hr","feed":"social-insurance","recordId":"r2","personId":"p1"}

                {"department":"tax","feed":"wage-withholding","recordId":"t,1","personId":"p1"}
                not json
                {"department":"ps","feed":"household-registration","recordId":"h1","personId":"p1"}
                """);
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = ScoreCommand.Run([truth, links, "--json"], output, error);

            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(output.ToString());
            var root = json.RootElement;
            Assert.Equal(4, root.GetProperty("truthRecords").GetInt64());
            Assert.Equal(1, root.GetProperty("unreadableLines").GetInt64());
            Assert.Equal(0.5, root.GetProperty("precision").GetDouble(), 12);
            Assert.Equal(1.0, root.GetProperty("recall").GetDouble(), 12);
            Assert.Equal(1, root.GetProperty("falseMergeClusters").GetInt64());
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void Run_MissingFile_ExitsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, ScoreCommand.Run(["/nonexistent/truth.csv", "/nonexistent/links.ndjson"], output, error));
        Assert.Contains("no such file", error.ToString(), StringComparison.Ordinal);
    }
}
