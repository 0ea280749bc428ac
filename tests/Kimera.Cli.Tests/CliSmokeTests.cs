namespace Kimera.Cli.Tests;

public sealed class CliSmokeTests
{
    [Fact]
    public async Task Unknown_command_exits_with_bad_input()
    {
        var exit = await KimeraApp.RunAsync(["no-such-command"]);
        Assert.Equal(ExitCodes.BadInput, exit);
    }
}
