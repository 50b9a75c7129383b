namespace IntegrationHub.Flows.Federation.Signing;

/// <summary>
/// A JWS (ES256) over a message's exact body bytes, detached (RFC 7515 appendix F) and unencoded (RFC 7797,
/// <c>"b64": false</c>): sent as <c>header..signature</c> in a header of the HTTP message whose body it signs.
/// </summary>
/// <remarks>
/// Unencoded, because the body is already bytes on the wire and large transfer packages would otherwise be base64-encoded
/// once more only to be signed. The signing input is the protected header (base64url), a dot and the body's bytes as
/// sent; a receiver verifies against the bytes it read, before parsing them. The message's id, sender, receiver,
/// service, time and request hash are private header parameters, so the signature covers them with the body.
/// </remarks>
internal static class DetachedJws
{
    public const string Algorithm = "ES256";

    public static string Sign(MessageHeader header, ReadOnlySpan<byte> body, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(key);
        var json = new JsonObject
        {
            ["alg"] = Algorithm,
            ["kid"] = header.KeyId,
            ["b64"] = false,
            ["crit"] = new JsonArray("b64"),
            ["messageId"] = header.MessageId,
            ["sender"] = header.Sender,
            ["receiver"] = header.Receiver,
            ["service"] = header.Service,
            ["timestamp"] = header.Timestamp.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        if (header.RequestHash is not null)
        {
            json["requestHash"] = header.RequestHash;
        }

        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
        var signature = key.SignData(SigningInput(encodedHeader, body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return encodedHeader + ".." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Reads the compact detached form without verifying it; null when it is not one (or its header is not ours).</summary>
    public static ParsedJws? Parse(string? compact)
    {
        if (string.IsNullOrEmpty(compact) || compact.Length > 4096)
        {
            return null;
        }

        var parts = compact.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            return null;
        }

        try
        {
            var headerJson = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))?.AsObject();
            var signature = Base64Url.DecodeFromChars(parts[2]);
            if (headerJson is null || (string?)headerJson["alg"] != Algorithm || headerJson["b64"]?.GetValue<bool>() != false
                || headerJson["crit"] is not JsonArray { Count: 1 } crit || (string?)crit[0] != "b64" || signature.Length != 64)
            {
                return null;
            }

            var header = new MessageHeader(Text(headerJson, "messageId"), Text(headerJson, "sender"), Text(headerJson, "receiver"),
                Text(headerJson, "service"),
                DateTimeOffset.Parse(Text(headerJson, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Text(headerJson, "kid"), (string?)headerJson["requestHash"]);
            return new ParsedJws(parts[0], header, signature);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    public static bool Verify(ParsedJws jws, ReadOnlySpan<byte> body, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(key);
        return key.VerifyData(SigningInput(jws.EncodedHeader, body), jws.Signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The bytes signed: ASCII(BASE64URL(header)) '.' body.</summary>
    public static byte[] SigningInput(string encodedHeader, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(encodedHeader);
        var input = new byte[encodedHeader.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(encodedHeader, input);
        input[encodedHeader.Length] = (byte)'.';
        body.CopyTo(input.AsSpan(encodedHeader.Length + 1));
        return input;
    }

    private static string Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 200
            ? text
            : throw new FormatException($"header parameter {name} is missing");
}

/// <summary>A detached JWS as read from a message, not yet verified.</summary>
internal sealed record ParsedJws(string EncodedHeader, MessageHeader Header, byte[] Signature);
