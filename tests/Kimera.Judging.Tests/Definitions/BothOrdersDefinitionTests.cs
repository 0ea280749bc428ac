using Kimera.Judging.Definitions;

namespace Kimera.Judging.Tests.Definitions;

/// <summary><c>bothOrders</c> in a judge file: an LLM judge's order columns, refused on a Kimera judge or when not true/false;
/// and the rule that makes one verdict of the two orders.</summary>
public sealed class BothOrdersDefinitionTests
{
    [Fact]
    public void A_judge_file_asks_an_llm_judge_in_both_orders_and_names_its_order_columns()
    {
        const string json = """
            { "judges": [ "kimera", { "name": "mini", "kind": "llm", "repeats": 2, "bothOrders": true }, { "name": "big", "kind": "llm", "bothOrders": false } ] }
            """;

        var read = JudgeFile.Parse(json, "judges.json");

        Assert.Empty(read.Problems);
        Assert.True(read.Judges[1].AsksBothOrders);
        Assert.False(read.Judges[2].AsksBothOrders);
        Assert.Equal(["kimera", "mini", "mini@1", "mini@2", "mini@ab", "mini@ba", "big"], JudgeSetColumns.Of(read.Judges));
    }

    [Fact]
    public void Both_orders_is_refused_on_a_kimera_judge_and_when_it_is_not_true_or_false()
    {
        const string json = """
            { "judges": [ { "name": "k", "kind": "kimera", "bothOrders": true }, { "name": "mini", "kind": "llm", "bothOrders": "yes" } ] }
            """;

        var problems = JudgeFile.Parse(json, "judges.json").Problems;

        Assert.Equal(
            [
                "judges.json: judges[0] ('k'): \"bothOrders\" applies to llm judges only.",
                "judges.json: judges[1] ('mini'): \"bothOrders\" must be true or false, got \"yes\".",
            ],
            problems);
    }

    [Fact]
    public void One_verdict_of_two_orders_is_the_mean_score_of_all_answers_and_a_tie_is_no_contradiction()
    {
        // Contradiction at 0.9 one way (score 0.9), none at 0.9 the other way (score 0.1): mean 0.5, a tie, so none at 0.5.
        var tie = OrderedVerdict.Combine([new Judgement(true, 0.9, "a")], [new Judgement(false, 0.9, "b")]);
        // Contradiction at 0.9, none at 0.8 (score 0.2): mean 0.55, a contradiction at 0.55.
        var lean = OrderedVerdict.Combine([new Judgement(false, 0.8, "a")], [new Judgement(true, 0.9, "b")]);
        // One order failed: the other decides alone.
        var failed = OrderedVerdict.Combine([Judgement.Failed("empty answer")], [new Judgement(true, 0.7, "b")]);

        Assert.Equal((false, 0.5), (tie.IsContradiction!.Value, tie.Confidence!.Value));
        Assert.Equal((true, 0.55), (lean.IsContradiction!.Value, Math.Round(lean.Confidence!.Value, 9)));
        Assert.Equal([false, true], lean.Orders!.Select(o => o.IsContradiction!.Value));
        Assert.Equal((true, 0.7), (failed.IsContradiction!.Value, failed.Confidence!.Value));
        Assert.Equal("empty answer", failed.Orders![0].Error);
    }
}
