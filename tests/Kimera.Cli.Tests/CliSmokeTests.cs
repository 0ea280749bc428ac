namespace Kimera.Cli.Tests;

public sealed class CliSmokeTests
{
    [Fact]
    public async Task Unknown_command_exits_non_zero()
    {
        var exit = await KimeraApp.RunAsync(["no-such-command"]);
        Assert.NotEqual(0, exit);
    }
}
