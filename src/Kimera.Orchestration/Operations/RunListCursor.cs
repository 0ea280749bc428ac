using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration.Operations;

/// <summary>Where a page of the runs list ended: the creation time and id of its last (oldest) run. The list is ordered by
/// creation time, newest first, then by id; the next page holds the runs after this one in that order, so runs started
/// meanwhile (newer) shift no page. As a token it is opaque text: base64url of "ticks:id".</summary>
public sealed record RunListCursor(DateTimeOffset CreatedAt, string Id)
{
    /// <summary>Newest first, then by id (descending), a total order over the runs.</summary>
    public static int NewestFirst(OrchestrationMetadata x, OrchestrationMetadata y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byTime = y.CreatedAt.CompareTo(x.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(y.InstanceId, x.InstanceId);
    }

    /// <summary>Whether <paramref name="run"/> comes after this cursor in the list's order.</summary>
    public bool IsBefore(OrchestrationMetadata run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var byTime = CreatedAt.CompareTo(run.CreatedAt);
        return byTime > 0 || (byTime == 0 && string.CompareOrdinal(Id, run.InstanceId) > 0);
    }

    public static RunListCursor After(OrchestrationMetadata run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunListCursor(run.CreatedAt, run.InstanceId);
    }

    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{Id}")));

    /// <summary>The cursor of a token this class made, or null when <paramref name="token"/> is not one.</summary>
    public static RunListCursor? Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || colon == text.Length - 1)
        {
            return null;
        }

        return new RunListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
    }
}
