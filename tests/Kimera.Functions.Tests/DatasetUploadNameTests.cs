using Kimera.Functions.Http;

namespace Kimera.Functions.Tests;

/// <summary>The names <c>POST /api/datasets/{name}</c> accepts: a plain file name of a dataset format, at most 200 characters.</summary>
public sealed class DatasetUploadNameTests
{
    [Theory]
    [InlineData("pairs.csv")]
    [InlineData("my pairs (v2).jsonl.gz")]
    [InlineData("données.parquet")]
    public void A_plain_file_name_of_a_dataset_format_is_accepted(string name) => Assert.Empty(DatasetsApi.NameProblems(name));

    [Theory]
    [InlineData("a/b.csv", "'a/b.csv' is not a plain file name: '/', '\\' and '..' are not accepted.")]
    [InlineData("a\\b.csv", "'a\\b.csv' is not a plain file name: '/', '\\' and '..' are not accepted.")]
    [InlineData("x..csv", "'x..csv' is not a plain file name: '/', '\\' and '..' are not accepted.")]
    [InlineData("tab\there.csv", "The file name holds control characters.")]
    [InlineData(" pairs.csv", "' pairs.csv' starts or ends with white space.")]
    [InlineData("", "The upload needs a file name: POST /api/datasets/pairs.csv.")]
    public void A_path_control_characters_or_white_space_around_are_refused(string name, string problem) =>
        Assert.Equal([problem], DatasetsApi.NameProblems(name));

    [Fact]
    public void A_name_of_another_format_is_refused_with_the_extensions_read()
    {
        Assert.Equal(
            ["'notes.md' is not the name of a dataset file: it must end in one of .csv .tsv .txt .jsonl .json .parquet .csv.gz .tsv.gz .txt.gz .jsonl.gz .json.gz."],
            DatasetsApi.NameProblems("notes.md"));
    }

    [Fact]
    public void Names_of_up_to_200_characters_are_accepted()
    {
        // 196 letters + ".csv" = 200 characters; one more is too long.
        Assert.Empty(DatasetsApi.NameProblems(new string('a', 196) + ".csv"));
        Assert.Equal(["The file name is 201 characters long; at most 200 are accepted."], DatasetsApi.NameProblems(new string('a', 197) + ".csv"));
    }
}
