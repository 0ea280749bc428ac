using System.Text.Json.Nodes;

namespace Kimera.Infra.Tests;

/// <summary>
/// One resource of a compiled template, with the module (nested deployment) it sits in and the
/// parameter values that module receives from its parent.
/// </summary>
public sealed record ArmResource(JsonObject Json, string? Module, JsonObject ModuleParameters)
{
    public string Type => (string)Json["type"]!;

    public string Name => (string)Json["name"]!;

    public JsonNode? Properties => Json["properties"];

    /// <summary>
    /// The value the parent deployment passes for the module parameter <paramref name="name"/>: the
    /// <c>value</c> of its entry, or the whole entry when bicep computes it (a conditional value
    /// compiles to an expression that builds the <c>{"value": ...}</c> object).
    /// </summary>
    public JsonNode? ModuleParameter(string name) =>
        ModuleParameters[name] is JsonObject entry ? entry["value"] : ModuleParameters[name];
}
