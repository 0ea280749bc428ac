namespace Kimera.Reporting.Examples;

/// <summary>One judge's answer on an example pair, as the results table holds it.</summary>
/// <param name="Judge">The judge's name (<c>kimera</c>, <c>llm</c>, or a results-table column prefix).</param>
/// <param name="Contradiction">The verdict (true = contradiction).</param>
/// <param name="Score">The curve score (higher = more likely a contradiction).</param>
/// <param name="Confidence">The judge's confidence in its verdict, when recorded.</param>
/// <param name="Reasoning">The judge's reason, when recorded.</param>
public sealed record ExampleVerdict(string Judge, bool Contradiction, double? Score, double? Confidence, string? Reasoning);
