namespace Kimera.Pipeline.Stages;

/// <summary>Where a check tells the person running the benchmark what it found (an estimate, an endpoint that answered):
/// <c>kimera run</c> writes each notice to standard error; a host without one has the checks log them.</summary>
public interface IRunNotices
{
    Task NoticeAsync(string notice, CancellationToken cancellationToken = default);
}
