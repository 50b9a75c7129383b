namespace IntegrationHub.Identity.Lookup;

/// <summary>A read that cannot be answered as asked: the kind of refusal, a stable code, a message and the fields at fault.</summary>
/// <remarks>Messages never echo what was asked: a field may hold an identity number.</remarks>
public sealed class LookupRefusedException(LookupRefusal refusal, string code, string message, IReadOnlyList<FieldError>? errors = null)
    : RefusedRequestException(code, message, errors)
{
    public LookupRefusal Refusal { get; } = refusal;

    internal static LookupRefusedException Invalid(string path, string code, string message) =>
        new(LookupRefusal.InvalidInput, code, message, [new FieldError(path, code, message)]);

    internal static LookupRefusedException UnknownPerson(long person) =>
        new(LookupRefusal.NotFound, "unknown-person", $"There is no person {PersonId.Format(person)}.");
}
