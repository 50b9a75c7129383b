using System.Buffers.Text;
using IntegrationHub.Flows.Graduates.Ledger;
using IntegrationHub.Labor.Graduates;

namespace IntegrationHub.Tests.Flows.Graduates.Ledger;

/// <summary>A ledger cursor decodes only in the shape <see cref="LedgerCursor.Encode"/> gives: an address anyone can write must
/// not bring a NUL, a control character or any other text to the database as a fact key.</summary>
public sealed class LedgerCursorTests
{
    [Theory]
    [InlineData(1L, "2026-21")]
    [InlineData(1000042L, "2025-41")]
    [InlineData(long.MaxValue, "2026-11")]
    public void TryDecode_WhatEncodeGave_IsThePlace(long person, string factKey)
    {
        var key = new GraduateKey(person, factKey);

        Assert.True(LedgerCursor.TryDecode(LedgerCursor.Encode(key), out var decoded));
        Assert.Equal(key, decoded);
    }

    [Theory]
    [InlineData("1/\0")]
    [InlineData("1/2026-21\0")]
    [InlineData("1/2026-21\n")]
    [InlineData("1/2026\u0001-21")]
    [InlineData("1/garbage")]
    [InlineData("1/2026-21/2")]
    [InlineData("1/2026-")]
    [InlineData("1/")]
    [InlineData("/2026-21")]
    [InlineData("0/2026-21")]
    [InlineData("01/2026-21")]
    [InlineData("+1/2026-21")]
    [InlineData("-1/2026-21")]
    [InlineData("99999999999999999999/2026-21")]
    [InlineData("１/2026-21")]
    [InlineData("1/２026-21")]
    [InlineData("garbage")]
    public void TryDecode_Base64urlOfAnythingElse_IsFalse(string decoded)
    {
        Assert.False(LedgerCursor.TryDecode(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(decoded)), out var key));
        Assert.Equal(default, key);
    }

    [Theory]
    [InlineData("MS8A")]
    [InlineData("%%%")]
    [InlineData("")]
    [InlineData("MS8yMDI2LTIx=")]
    [InlineData("MS8yMDI2LTIx\n")]
    [InlineData("MS8yMDI2LTJ")]
    public void TryDecode_TextNotAnEncodedCursor_IsFalse(string text)
    {
        // MS8yMDI2LTIx is 1/2026-21 and MS8yMDI2LTI is 1/2026-2: with padding, a line end or other trailing bits they are not
        // the text Encode gives.
        Assert.False(LedgerCursor.TryDecode(text, out _));
    }

    [Fact]
    public void TryDecode_InvalidUtf8_IsFalse()
    {
        Assert.False(LedgerCursor.TryDecode(Base64Url.EncodeToString([(byte)'1', (byte)'/', 0xC3, 0x28]), out _));
    }
}
