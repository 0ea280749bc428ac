using System.Text.Json.Nodes;
using Kimera.Llm;

namespace Kimera.Orchestration.RealHost;

/// <summary>The LLM judge's settings for tests against the fake OpenAI server, the same in-process and in a child host.</summary>
public static class RealHostLlm
{
    public const string Model = "gpt-4o-mini";

    public const string ApiKey = "test-key";

    public static void Configure(LlmJudgeOptions options, Uri endpoint, decimal? budgetUsd)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Endpoint = endpoint;
        options.ApiKey = ApiKey;
        options.Model = Model;
        options.BudgetUsd = budgetUsd;
    }
}

/// <summary>Settings of <c>extensions.durableTask</c> the child hosts change from host.json.</summary>
public static class ChildHostDurableSettings
{
    /// <summary>A killed host's work-item messages come back when their visibility lapses: one minute, the least the
    /// extension accepts (it validates 1-60 minutes), instead of host.json's default of five. An idle host looks at its
    /// queues at least every second (host.json: every 5 s at most), so a host that has waited through a Plan or a start-up
    /// joins the fan-out at once.</summary>
    public static JsonObject Overrides => new()
    {
        ["storageProvider"] = new JsonObject
        {
            ["workItemQueueVisibilityTimeout"] = "00:01:00",
            ["controlQueueVisibilityTimeout"] = "00:01:00",
            ["maxQueuePollingInterval"] = "00:00:01",
        },
    };

    /// <summary><see cref="Overrides"/>, plus the host's own activity concurrency when the settings give one.</summary>
    public static JsonObject For(ChildHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = Overrides;
        if (settings.MaxConcurrentActivities is { } activities)
        {
            overrides["maxConcurrentActivityFunctions"] = activities;
        }

        return overrides;
    }
}
