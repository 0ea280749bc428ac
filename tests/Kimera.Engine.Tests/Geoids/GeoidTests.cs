using Kimera.Engine.Geoids;

namespace Kimera.Engine.Tests.Geoids;

public sealed class GeoidTests
{
    [Fact]
    public void Gid_is_first_16_hex_of_sha256_of_lang_colon_echo()
    {
        // sha256("en:hello") = ef74518b75c33182... computed independently with `printf 'en:hello' | sha256sum`.
        var geoid = new Geoid("  hello \n", null, [1f]);
        Assert.Equal("hello", geoid.Echo);
        Assert.Equal("en", geoid.Lang);
        Assert.Equal(ExpectedGid, geoid.Gid);
    }

    [Theory]
    [InlineData("en", 0, 0.8)]
    [InlineData("fr", 0, 0.75)]
    [InlineData("ar", 2, 0.77)]
    [InlineData("de", 1, 0.63)]
    public void Vdr_is_language_base_scaled_by_layers(string lang, int layers, double expected)
    {
        var geoid = new Geoid("x", lang, [1f], layers);
        Assert.Equal(expected, geoid.Vdr, 12);
    }

    private const string ExpectedGid = "ef74518b75c33182";
}
