namespace Kimera.Reporting.Charts;

/// <summary>A rectangle of a chart in SVG user units (x to the right, y down): its plot area or its legend.</summary>
internal readonly record struct ChartBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>The two rectangles share some area (touching edges do not count).</summary>
    public bool Intersects(ChartBox other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    /// <summary>The point lies strictly inside the rectangle.</summary>
    public bool Contains(double x, double y) => x > X && x < Right && y > Y && y < Bottom;
}
