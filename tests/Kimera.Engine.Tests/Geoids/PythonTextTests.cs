using Kimera.Engine.Python;

namespace Kimera.Engine.Tests.Geoids;

/// <summary>Expected values are what CPython 3 gives for the same expressions.</summary>
public sealed class PythonTextTests
{
    [Fact]
    public void Split_breaks_on_runs_of_python_whitespace_including_information_separators()
    {
        // "a \x1c b\u00a0c\n\td".split() == ['a', 'b', 'c', 'd']
        Assert.Equal(["a", "b", "c", "d"], PythonText.Split("a \x1c b\u00a0c\n\td"));
        Assert.Empty(PythonText.Split("  \t "));
    }

    [Fact]
    public void Strip_trims_python_whitespace_at_both_ends()
    {
        Assert.Equal("x y", PythonText.Strip("\x1f \u2003x y\r\n"));
    }

    [Fact]
    public void Word_tokens_follow_python_word_class()
    {
        // re.findall(r"\w+", "can't stop_it, №5 x²") == ["can", "t", "stop_it", "5", "x²"]
        // ("²" is No, a word character in Python; "№" is So, not one).
        Assert.Equal(["can", "t", "stop_it", "5", "x²"], PythonText.WordTokens("can't stop_it, №5 x²"));
    }

    [Fact]
    public void Lower_maps_dotted_capital_i_as_python_does()
    {
        // "İS".lower() == "i̇s" (i + U+0307), so it is not "is".
        Assert.Equal("i\u0307s", PythonText.Lower("\u0130S"));
        Assert.Equal("the sky", PythonText.Lower("The SKY"));
    }
}
