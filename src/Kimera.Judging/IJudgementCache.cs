namespace Kimera.Judging;

/// <summary>A persistent store of judge verdicts, so that a re-run of the same pairs asks nobody again.</summary>
/// <remarks>Keys are opaque strings built by the judge (for the LLM judge: the SHA-256 of model id, prompt version,
/// temperature and both texts). Only judged pairs are stored: a failed judgement must be retried on the next run.</remarks>
public interface IJudgementCache
{
    /// <summary>Looks up many keys at once; the result holds only the keys that were found.</summary>
    Task<IReadOnlyDictionary<string, Judgement>> GetManyAsync(
        IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Stores many judged verdicts at once; existing entries are overwritten.
    /// Throws <see cref="ArgumentException"/> for a judgement without a verdict.</summary>
    Task SetManyAsync(
        IReadOnlyCollection<KeyValuePair<string, Judgement>> judgementsByKey, CancellationToken cancellationToken = default);
}
