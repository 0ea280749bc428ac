using System.Globalization;

namespace Kimera.Datasets.Tests;

public sealed class IdIndexTests
{
    [Fact]
    public void Every_new_id_is_added_and_a_repeat_gives_the_line_of_its_first_use_across_growth()
    {
        var index = new IdIndex();
        // 200,000 ids make the table grow from 1,024 slots to 262,144 (eight doublings at three quarters full).
        for (var i = 0; i < 200_000; i++)
        {
            Assert.True(index.TryAdd(string.Create(CultureInfo.InvariantCulture, $"p{i}"), i + 2, out var line));
            Assert.Equal(i + 2, line);
        }

        Assert.False(index.TryAdd("p0", 300_000, out var first));
        Assert.Equal(2, first);
        Assert.False(index.TryAdd("p123456", 300_001, out first));
        Assert.Equal(123_458, first);
        Assert.True(index.TryAdd("p200000", 300_002, out first));
        Assert.True(index.TryAdd(string.Empty, 300_003, out _));
        Assert.False(index.TryAdd(string.Empty, 300_004, out first));
        Assert.Equal(300_003, first);
    }
}
