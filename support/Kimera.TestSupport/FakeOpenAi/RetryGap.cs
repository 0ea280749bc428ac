namespace Kimera.TestSupport.FakeOpenAi;

/// <summary>How long the client waited after a 429 before asking about the same pair again, as the server saw it.</summary>
public sealed record RetryGap(string PairKey, TimeSpan RetryAfterGiven, TimeSpan Gap);
