using System.Threading.RateLimiting;

namespace Kimera.Llm.Resilience;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: it starts full with <see cref="TokenBucketRateLimiterOptions.TokenLimit"/>
/// permits and adds <see cref="TokenBucketRateLimiterOptions.TokensPerPeriod"/> (up to the limit) at the end of every
/// <see cref="TokenBucketRateLimiterOptions.ReplenishmentPeriod"/> counted from its creation, which is the shape of
/// System.Threading.RateLimiting's <see cref="TokenBucketRateLimiter"/> with auto-replenishment. Waiters are served oldest
/// first, each once the bucket holds all it asks for.
/// </summary>
/// <remarks>Written here because the library's limiters measure time with <c>Stopwatch</c> and their own timers, even when
/// replenished by hand (<c>TryReplenish</c> adds permits in proportion to the real time since the last call), so they
/// cannot run on the judge's injected clock, and a test on a fake clock could not see when a request is admitted.</remarks>
internal sealed class ClockedTokenBucket : IDisposable
{
    private readonly object _lock = new(); // Monitor, which a thread may re-enter (see AcquireAsync)
    private readonly TokenBucketRateLimiterOptions _shape;
    private readonly TimeProvider _clock;
    private readonly long _origin;
    private readonly ITimer _timer;
    private readonly LinkedList<Waiter> _waiters = new();
    private long _tokens;
    private long _refills;
    private bool _disposed;

    public ClockedTokenBucket(TokenBucketRateLimiterOptions shape, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(shape.TokenLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shape.TokensPerPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(shape.ReplenishmentPeriod, TimeSpan.Zero);
        _shape = shape;
        _clock = clock;
        _tokens = shape.TokenLimit;
        _origin = clock.GetTimestamp();
        _timer = clock.CreateTimer(static state => ((ClockedTokenBucket)state!).Serve(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A lease once <paramref name="permits"/> (at most the bucket's size) are taken; a lease that is not acquired
    /// once the bucket is disposed. Cancelling gives up the place in the queue.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(int permits, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permits, _shape.TokenLimit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_disposed)
            {
                return ValueTask.FromResult<RateLimitLease>(BucketLease.Refused);
            }

            Refill();
            if (_waiters.Count == 0 && _tokens >= permits)
            {
                _tokens -= permits;
                return ValueTask.FromResult<RateLimitLease>(BucketLease.Granted);
            }

            var node = _waiters.AddLast(new Waiter(permits));
            // Registered under the lock: a token cancelled meanwhile runs Cancel here, on this thread, which re-enters the lock.
            node.Value.Registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
            ScheduleLocked();
            return new ValueTask<RateLimitLease>(node.Value.Completion.Task);
        }
    }

    public void Dispose()
    {
        List<Waiter> left;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            left = [.. _waiters];
            _waiters.Clear();
        }

        // The waits end without a lease rather than hang.
        foreach (var waiter in left)
        {
            waiter.Registration.Unregister();
            waiter.Completion.TrySetResult(BucketLease.Refused);
        }
    }

    private TimeSpan Period => _shape.ReplenishmentPeriod;

    /// <summary>Adds the refills of every period that has ended since the last look.</summary>
    private void Refill()
    {
        var refills = _clock.GetElapsedTime(_origin).Ticks / Period.Ticks;
        if (refills > _refills)
        {
            _tokens = Math.Min(_shape.TokenLimit, _tokens + ((refills - _refills) * _shape.TokensPerPeriod));
            _refills = refills;
        }
    }

    private void Serve()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                Refill();
                ScheduleLocked();
            }
        }
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (node.List is null)
            {
                return; // already served or disposed
            }

            _waiters.Remove(node);
            ScheduleLocked(); // the waiter behind it may fit now
        }

        node.Value.Completion.TrySetCanceled(cancellationToken);
    }

    /// <summary>Serves the waiters that fit, oldest first, and sets the timer to the end of the period whose refill makes the
    /// next one fit.</summary>
    private void ScheduleLocked()
    {
        while (_waiters.First is { } head && head.Value.Permits <= _tokens)
        {
            _tokens -= head.Value.Permits;
            _waiters.RemoveFirst();
            // Unregister, not Dispose: Dispose waits for a running Cancel callback, which waits for this lock.
            head.Value.Registration.Unregister();
            head.Value.Completion.TrySetResult(BucketLease.Granted);
        }

        if (_waiters.First is { } next)
        {
            var missing = next.Value.Permits - _tokens;
            var refillsNeeded = (missing + _shape.TokensPerPeriod - 1) / _shape.TokensPerPeriod;
            // _refills counts the periods ended so far, so the end of period _refills + 1 (or later) is still ahead.
            var due = TimeSpan.FromTicks((_refills + refillsNeeded) * Period.Ticks) - _clock.GetElapsedTime(_origin);
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private sealed class Waiter(int permits)
    {
        public int Permits { get; } = permits;

        // Continuations run elsewhere: the lease is handed over under the lock.
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class BucketLease(bool acquired) : RateLimitLease
    {
        public static readonly BucketLease Granted = new(true);

        public static readonly BucketLease Refused = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
