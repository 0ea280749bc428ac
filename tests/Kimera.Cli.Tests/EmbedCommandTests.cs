using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

public sealed class EmbedCommandTests
{
    [Fact]
    public async Task Embed_writes_one_json_line_per_input_line_in_order()
    {
        using var dir = new TempDirectory();
        var input = dir.File("in.txt");
        var output = dir.File("out.jsonl");
        string[] lines = ["The sky is blue.", "", "Le café est fermé, dit-il.", "東京は日本の首都です", "The sky is blue."];
        await File.WriteAllLinesAsync(input, lines);

        var exit = await KimeraApp.RunAsync(["embed", "--input", input, "--output", output]);

        Assert.Equal(0, exit);
        var records = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(lines, records.Select(r => r.GetProperty("text").GetString()));
        var vectors = records.Select(r => r.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray()).ToArray();
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
        });

        // The same text on lines 1 and 5 gets the same vector (floats are written round-trippable).
        Assert.Equal(vectors[0], vectors[4]);
        Assert.NotEqual(vectors[0], vectors[2]);
    }

    [Fact]
    public async Task Embed_with_missing_input_file_exits_2_naming_the_file()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("no-such-input.txt");
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        int exit;
        try
        {
            exit = await KimeraApp.RunAsync(["embed", "--input", missing]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_with_missing_model_file_exits_2_naming_the_file()
    {
        using var dir = new TempDirectory();
        var input = dir.File("in.txt");
        await File.WriteAllTextAsync(input, "hello\n");
        var model = dir.File("missing-model.onnx");
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        int exit;
        try
        {
            exit = await KimeraApp.RunAsync(["embed", "--input", input, "--model", model]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exit);
        Assert.Contains(model, stderr.ToString(), StringComparison.Ordinal);
    }
}
