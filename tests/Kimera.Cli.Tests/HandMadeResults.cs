using System.Globalization;
using System.Text;

namespace Kimera.Cli.Tests;

/// <summary>
/// A results table written by hand for the analyze and report tests: pair i (of <c>pairs</c>) is labelled a contradiction
/// when i is even, and each judge is wrong exactly on the pairs listed for it (score 0.8 for a "contradiction" verdict,
/// 0.2 otherwise). A judge wrong on w of the 20 pairs has accuracy 1 − w/20; wrong on fn contradictions and fp
/// non-contradictions of 10 each, its AUROC is ½(1 + (10 − fn)/10 − fp/10).
/// </summary>
internal static class HandMadeResults
{
    /// <summary>The CSV text: <c>pair_id,text1,text2,label</c>, then <c>J_pred,J_score,J_reasoning</c> per judge in the order given.</summary>
    public static string Csv(int pairs, params (string Judge, int[] Wrong)[] judges)
    {
        var csv = new StringBuilder("pair_id,text1,text2,label");
        foreach (var (judge, _) in judges)
        {
            csv.Append(CultureInfo.InvariantCulture, $",{judge}_pred,{judge}_score,{judge}_reasoning");
        }

        csv.Append('\n');
        for (var i = 0; i < pairs; i++)
        {
            var label = i % 2 == 0;
            csv.Append(CultureInfo.InvariantCulture, $"p{i:D2},The door is open ({i}),The door is {(label ? "closed" : "red")},{(label ? 1 : 0)}");
            foreach (var (_, wrong) in judges)
            {
                var pred = wrong.Contains(i) ? !label : label;
                csv.Append(pred ? ",true,0.8,opposite states" : ",false,0.2,compatible");
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Wrong on the first <paramref name="count"/> pairs.</summary>
    public static int[] FirstWrong(int count) => [.. Enumerable.Range(0, count)];
}
