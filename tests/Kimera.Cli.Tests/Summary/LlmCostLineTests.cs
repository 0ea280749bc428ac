using Kimera.Cli.Summary;
using Kimera.Reporting.Model;

namespace Kimera.Cli.Tests.Summary;

/// <summary>The summary's LLM cost line: measured, estimated or unknown, and none for a judge that asked nothing.</summary>
public sealed class LlmCostLineTests
{
    [Fact]
    public void Each_llm_judge_gets_one_line_saying_how_its_cost_was_arrived_at()
    {
        var judges = new Dictionary<string, JudgeTally>
        {
            ["kimera"] = new() { Judged = 50 },
            ["o3"] = new() { Requests = 40, InputTokens = 4_000, OutputTokens = 12_000, ReasoningTokens = 10_000, CostUsd = 0.0572 },
            ["local"] = new() { Requests = 40, InputTokens = 4_000, OutputTokens = 800, UsageEstimatedRequests = 40, CostUsd = 0.00108 },
            ["hosted"] = new() { Requests = 2, InputTokens = 200, OutputTokens = 40, PriceUnknownRequests = 2 },
        };

        Assert.Equal(
        [
            "LLM cost of o3: $0.0572 measured (40 requests, 4,000 input + 12,000 output tokens, 10,000 of them reasoning)",
            "LLM cost of local: $0.00108 estimated (40 requests, 4,000 input + 800 output tokens; 40 answers without usage, their tokens counted with the tokenizer)",
            "LLM cost of hosted: unknown (2 requests, 200 input + 40 output tokens; the model's prices are not known: give --llm-price-input and --llm-price-output)",
        ],
            RunSummaryView.LlmCostLines(judges));
        Assert.Equal(("measured", "estimated", "unknown"), (judges["o3"].CostBasis, judges["local"].CostBasis, judges["hosted"].CostBasis));
    }
}
