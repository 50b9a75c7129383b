namespace IntegrationHub.Platform.Protection;

/// <summary>The purposes <see cref="IdentityProtector"/> binds intake's ciphertexts to, for every module that reads them.</summary>
/// <remarks>
/// The purpose is the cipher's associated data, so a ciphertext decrypts only under the purpose it was written with: one
/// copied into another column does not decrypt there. Changing a value makes every stored ciphertext of its column
/// unreadable.
/// </remarks>
internal static class ProtectionPurposes
{
    /// <summary><c>source_record.id_number_cipher</c>: the record's identity number.</summary>
    public const string IdNumber = "source_record.id_number";

    /// <summary><c>source_record.former_id_cipher</c>: the identity number the person held before.</summary>
    public const string FormerIdNumber = "source_record.former_id_number";

    /// <summary><c>intake_line.raw_cipher</c>: a rejected line as the department sent it.</summary>
    public const string RawLine = "intake_line.raw";
}
