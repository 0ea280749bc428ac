using System.Text.Json.Nodes;

namespace Kimera.Infra.Tests;

/// <summary>A compiled ARM template (the JSON that <c>bicep build</c> writes) and its nested module templates.</summary>
public sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public string Text => Root.ToJsonString();

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    /// <summary>Every resource, modules included (bicep compiles a module into a nested deployment).</summary>
    public IEnumerable<ArmResource> AllResources() => Walk(Root, module: null, moduleParameters: []);

    public IReadOnlyList<ArmResource> OfType(string type) =>
        AllResources().Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"expected one {type}, found {found.Count}");
        return found[0];
    }

    /// <summary>The nested template of module <paramref name="module"/> (its parameters, outputs...).</summary>
    public JsonObject ModuleTemplate(string module) =>
        OfType("Microsoft.Resources/deployments").Single(d => d.Name == module).Properties!["template"]!.AsObject();

    /// <summary>Outputs of this template and of every module template, as (template, name, value expression).</summary>
    public IEnumerable<(string Template, string Name, string Value)> AllOutputs()
    {
        var templates = new List<(string, JsonObject)> { ("main", Root) };
        templates.AddRange(OfType("Microsoft.Resources/deployments")
            .Where(d => d.Properties?["template"] is JsonObject)
            .Select(d => (d.Name, d.Properties!["template"]!.AsObject())));
        foreach (var (name, template) in templates)
        {
            foreach (var output in template["outputs"]?.AsObject() ?? [])
            {
                yield return (name, output.Key, output.Value!["value"]?.ToJsonString() ?? "");
            }
        }
    }

    private static IEnumerable<ArmResource> Walk(JsonObject template, string? module, JsonObject moduleParameters)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            // Symbolic-name templates (languageVersion 2.0) keep resources in an object.
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            var item = new ArmResource(resource, module, moduleParameters);
            yield return item;
            if (item.Type == "Microsoft.Resources/deployments" && item.Properties?["template"] is JsonObject nested)
            {
                var parameters = item.Properties["parameters"]?.AsObject() ?? [];
                foreach (var inner in Walk(nested, item.Name, parameters))
                {
                    yield return inner;
                }
            }
        }
    }
}
