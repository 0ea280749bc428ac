namespace Kimera.Reporting.Charts;

/// <summary>Corner of a unit-square chart where its legend goes: where that kind of curve rarely passes.</summary>
internal enum LegendPlace
{
    BottomRight,
    BottomLeft,
    TopRight,
}
