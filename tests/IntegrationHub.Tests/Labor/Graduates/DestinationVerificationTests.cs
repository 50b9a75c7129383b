using IntegrationHub.Labor;
using IntegrationHub.Labor.Graduates;
using static IntegrationHub.Tests.Labor.Graduates.GraduateRecords;
using static IntegrationHub.Tests.Labor.LaborRecords;

namespace IntegrationHub.Tests.Labor.Graduates;

public sealed class DestinationVerificationTests : LaborScenarioTests
{
    private Task<GraduateVerification?> VerificationOfAsync(string recordId) =>
        scenario.Service<GraduateVerifications>().ReadRecordAsync(recordId, Token);

    [Fact]
    public async Task Verify_EachKindOfClaimAndEvidence_GivesItsStatusAndEvidence()
    {
        string[] ids = [.. Enumerable.Range(0, 6).Select(i => IdNumber($"2004020{i + 1}", 41 + 2 * i))];
        await scenario.SendAsync("edu", "graduate-roster",
            Roster("g-verified", ids[0], "employed", employer: Employer),
            Roster("g-differs", ids[1], "employed", employer: Employer),
            Roster("g-none", ids[2], "employed", employer: Employer),
            Roster("g-contra", ids[3], "employed", employer: Employer),
            Roster("g-study", ids[4], "further-study"),
            Roster("g-flex", ids[5], "flexible"));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-0", ids[0], "2026-02"), Tax("t-1", ids[1], "2026-07", OtherEmployer),
            Tax("t-late", ids[2], "2026-10"));
        await scenario.SendAsync("hr", "employment-registration", Registration("er-3", ids[3], "unemployment", "2026-08-01"));
        await scenario.SendAsync("hr", "social-insurance", Insurance("si-5", ids[5], "2026-06", employer: null));

        await scenario.SettleAsync();

        var byRecord = new Dictionary<string, GraduateVerification>();
        await foreach (var verification in scenario.Service<GraduateVerifications>().ReadCohortAsync(2026, Token))
        {
            byRecord[verification.RecordId] = verification;
        }

        Assert.Equal(VerificationStatuses.Verified, byRecord["g-verified"].Status);
        Assert.Equal(["t-0"], byRecord["g-verified"].Evidence.Select(e => e.RecordId));
        Assert.Equal(["tax/wage-withholding"], byRecord["g-verified"].EvidenceKinds);
        Assert.Equal(VerificationStatuses.EmployerDiffers, byRecord["g-differs"].Status);
        Assert.Equal(VerificationStatuses.NoEvidence, byRecord["g-none"].Status);
        Assert.Equal(VerificationStatuses.Contradicted, byRecord["g-contra"].Status);
        Assert.Equal(["hr/employment-registration"], byRecord["g-contra"].EvidenceKinds);
        Assert.Equal(VerificationStatuses.NotApplicable, byRecord["g-study"].Status);
        Assert.Equal(VerificationStatuses.Verified, byRecord["g-flex"].Status);
        Assert.Equal(6, (await scenario.EventsAsync(EventTypes.GraduateVerificationChanged)).Count);
    }

    [Fact]
    public async Task Roster_ResentFromNotYetPlacedToEmployed_ChangesTheVerificationAndAnnouncesIt()
    {
        var id = IdNumber("20040301", 61);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "not-yet-placed"));
        await scenario.SendAsync("hr", "employment-registration", Registration("er-1", id, "employment", "2026-09-01", Employer, "platform"));
        await scenario.SettleAsync();

        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer));
        await scenario.SettleAsync();

        var verification = await VerificationOfAsync("g-1");
        Assert.Equal((2, VerificationStatuses.Verified, "employed"), (verification!.Version, verification.Status, verification.ClaimedDestination));
        var changes = await scenario.EventsAsync(EventTypes.GraduateVerificationChanged);
        Assert.Equal([VerificationStatuses.NotApplicable, VerificationStatuses.Verified], changes.Select(e => e.Text("status")));
        Assert.Equal(VerificationStatuses.NotApplicable, changes[1].Text("previousStatus"));
        var fact = Assert.Single(await scenario.Service<GraduateFacts>()
            .ReadPersonAsync(await scenario.PersonOfAsync("g-1"), Token));
        Assert.Equal((GraduateStatuses.Placed, "platform"), (fact.Status, fact.PlacementForm));
    }

    [Fact]
    public async Task Window_Configured_DecidesWhetherEarlyEvidenceCounts()
    {
        var id = IdNumber("20040302", 63);
        await scenario.SendAsync("edu", "graduate-roster", Roster("g-1", id, "employed", employer: Employer));
        await scenario.SendAsync("tax", "wage-withholding", Tax("t-1", id, "2025-11"));
        await scenario.LinkAsync();

        await scenario.NewWorker(new LaborOptions { VerificationMonthsBefore = 6 }).RunUntilIdleAsync(Token);
        var narrow = (await VerificationOfAsync("g-1"))!.Status;
        await scenario.MarkEveryPersonDirtyAsync();
        await scenario.NewWorker(new LaborOptions { VerificationMonthsBefore = 8 }).RunUntilIdleAsync(Token);

        Assert.Equal(VerificationStatuses.NoEvidence, narrow);
        Assert.Equal(VerificationStatuses.Verified, (await VerificationOfAsync("g-1"))!.Status);
    }
}
