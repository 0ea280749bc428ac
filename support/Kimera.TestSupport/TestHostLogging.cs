namespace Kimera.TestSupport;

/// <summary>
/// The log level of the durable test hosts. The in-process host's gRPC sidecar (<c>Microsoft.DurableTask.InProcessTestHost</c>)
/// is built with <c>Host.CreateDefaultBuilder</c>, which logs every request at Information to the console (about 1,500 lines
/// per run of the Functions and Orchestration tests, with stack traces of harmless stream resets when a host stops). It takes
/// no logger from the test, but it reads the <c>Logging</c> section from environment variables, so the harnesses set
/// <c>Logging__LogLevel__Default=Warning</c> before starting one. Set the variable yourself (e.g. to <c>Information</c>) to
/// see everything while debugging: a value already there is kept.
/// </summary>
public static class TestHostLogging
{
    /// <summary>The environment variable that <c>Host.CreateDefaultBuilder</c> maps to <c>Logging:LogLevel:Default</c>.</summary>
    public const string Variable = "Logging__LogLevel__Default";

    /// <summary>The level test hosts log at unless <see cref="Variable"/> says otherwise.</summary>
    public const string DefaultLevel = "Warning";

    /// <summary>Makes hosts started from now on log at <see cref="DefaultLevel"/>, unless <see cref="Variable"/> is already set.</summary>
    public static void UseWarningUnlessSet()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, DefaultLevel);
        }
    }
}
