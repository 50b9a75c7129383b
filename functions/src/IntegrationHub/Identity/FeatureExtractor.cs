using IntegrationHub.Identity.Matching;
using IntegrationHub.Intake.Published;
using IntegrationHub.Intake.Rules;

namespace IntegrationHub.Identity;

/// <summary>
/// Reads what matching needs from a record: its fields, and from its identity number (decrypted in memory only) the
/// embedded birth date and sex when the record does not state them.
/// </summary>
public sealed class FeatureExtractor(IdentityProtector protector, ReferenceData reference, NameReadings readings, TimeProvider time)
{
    public NameReadings Readings => readings;

    public (MatchFeatures Features, string? Number) Extract(StoredRecord candidate)
    {
        var number = candidate.IdNumberCipher is null ? null : protector.Decrypt(candidate.IdNumberCipher, ProtectionPurposes.IdNumber);
        DateOnly? birth = null;
        string? sex = null;
        if (number is not null)
        {
            var check = IdentityNumber.Check(number, reference.Areas, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            birth = check.BirthDate;
            sex = check.Sex switch
            {
                Sex.Male => "1",
                Sex.Female => "2",
                _ => null,
            };
        }

        return (MatchFeatures.FromRecord(candidate.Payload, birth, sex), number);
    }

    public byte[][] BlockKeys(MatchFeatures features) =>
        BlockingKeys.For(features, readings).Distinct(StringComparer.Ordinal).Select(protector.BlindIndex).ToArray();

    public byte[] BlindIndex(string value) => protector.BlindIndex(value);

    public byte[]? EmployerKey(MatchFeatures features) =>
        BlockingKeys.Employer(features, readings) is { } key ? protector.BlindIndex(key) : null;
}
