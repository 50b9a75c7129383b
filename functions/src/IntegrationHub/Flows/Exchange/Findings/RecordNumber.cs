namespace IntegrationHub.Flows.Exchange.Findings;

/// <summary>What a stored record's identity number is, as intake stored it: its blind index (null when it carried none or
/// one of the wrong shape), whether it passed the national check, the blind index of the former number a public-security
/// number change names, and the cipher.</summary>
internal sealed record RecordNumber(byte[]? Index, bool Valid, byte[]? FormerIndex, byte[]? Cipher)
{
    public bool Carried => Cipher is not null;
}
