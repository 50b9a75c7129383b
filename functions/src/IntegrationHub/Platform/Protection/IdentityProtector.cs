namespace IntegrationHub.Platform.Protection;

/// <summary>
/// Encrypts identity numbers (AES-256-GCM) and computes their blind index (HMAC-SHA256), so the number is stored only
/// encrypted and looked up only by keyed hash. Ciphertext: version byte, 12-byte nonce, ciphertext, 16-byte tag.
/// </summary>
public sealed class IdentityProtector : IDisposable
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] encryptionKey;
    private readonly byte[] indexKey;

    // AesGcm and HMAC are not thread-safe and costly to set up per call: one per thread, intake protects on all cores.
    // Nonces are random, drawn from a per-thread buffer refilled from the OS generator, to spare a system call per record.
    private readonly ThreadLocal<AesGcm> ciphers;
    private readonly ThreadLocal<IncrementalHash> macs;
    private readonly ThreadLocal<NonceBuffer> nonces = new(() => new NonceBuffer());

    public IdentityProtector(IOptions<ProtectionOptions> options)
    {
        encryptionKey = ReadKey(options.Value.IdentityKey, nameof(ProtectionOptions.IdentityKey));
        indexKey = ReadKey(options.Value.BlindIndexKey, nameof(ProtectionOptions.BlindIndexKey));
        if (encryptionKey.AsSpan().SequenceEqual(indexKey))
        {
            throw new InvalidOperationException("Protection:IdentityKey and Protection:BlindIndexKey must differ.");
        }

        ciphers = new ThreadLocal<AesGcm>(() => new AesGcm(encryptionKey, TagSize), trackAllValues: true);
        macs = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, indexKey), trackAllValues: true);
    }

    public byte[] Encrypt(string value, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[1 + NonceSize + plain.Length + TagSize];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        NextNonce(nonce);
        Cipher().Encrypt(nonce, plain, output.AsSpan(1 + NonceSize, plain.Length), output.AsSpan(1 + NonceSize + plain.Length), Aad(purpose));
        return output;
    }

    public string Decrypt(byte[] cipher, string purpose)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        if (cipher.Length < 1 + NonceSize + TagSize || cipher[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown ciphertext format.");
        }

        var length = cipher.Length - 1 - NonceSize - TagSize;
        var plain = new byte[length];
        Cipher().Decrypt(cipher.AsSpan(1, NonceSize), cipher.AsSpan(1 + NonceSize, length), cipher.AsSpan(1 + NonceSize + length), plain, Aad(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    public byte[] BlindIndex(string value)
    {
        var hmac = macs.Value!;
        hmac.AppendData(Encoding.UTF8.GetBytes(value));
        return hmac.GetHashAndReset();
    }

    public void Dispose()
    {
        foreach (var cipher in ciphers.Values)
        {
            cipher.Dispose();
        }

        foreach (var mac in macs.Values)
        {
            mac.Dispose();
        }

        ciphers.Dispose();
        macs.Dispose();
        nonces.Dispose();
    }

    private void NextNonce(Span<byte> nonce)
    {
        var buffer = nonces.Value!;
        if (buffer.Position + NonceSize > buffer.Bytes.Length)
        {
            RandomNumberGenerator.Fill(buffer.Bytes);
            buffer.Position = 0;
        }

        buffer.Bytes.AsSpan(buffer.Position, NonceSize).CopyTo(nonce);
        buffer.Position += NonceSize;
    }

    private AesGcm Cipher() => ciphers.Value!;

    public static string Mask(string idNumber) =>
        idNumber.Length <= 8 ? new string('*', idNumber.Length) : string.Concat(idNumber.AsSpan(0, 4), new string('*', idNumber.Length - 8), idNumber.AsSpan(idNumber.Length - 4));

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    // The purpose is bound into the tag, so a ciphertext cannot be moved to another column and decrypt there.
    private static byte[] Aad(string purpose) => Encoding.UTF8.GetBytes(purpose);

    private static byte[] ReadKey(string? base64, string name)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException($"Protection:{name} is not configured (base64 of 32 random bytes).");
        }

        var key = Convert.FromBase64String(base64);
        if (key.Length != 32)
        {
            throw new InvalidOperationException($"Protection:{name} must be 32 bytes; it is {key.Length}.");
        }

        return key;
    }

    private sealed class NonceBuffer
    {
        public byte[] Bytes { get; } = new byte[NonceSize * 512];

        public int Position { get; set; } = NonceSize * 512;
    }
}
