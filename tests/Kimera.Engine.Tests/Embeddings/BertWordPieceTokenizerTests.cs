using Kimera.Engine.Embeddings;
using Kimera.TestSupport;

namespace Kimera.Engine.Tests.Embeddings;

/// <summary>
/// Expected ids come from Hugging Face's BertTokenizer algorithm (basic tokenizer + WordPiece, uncased) applied by hand
/// to the packaged vocab.txt; each id was checked as (line number − 1) with <c>grep -nx TOKEN vocab.txt</c>,
/// e.g. "cafe" is on line 7669 → id 7668.
/// </summary>
[Collection("Embedder")]
public sealed class BertWordPieceTokenizerTests(EmbedderFixture fixture)
{
    private readonly BertWordPieceTokenizer _tokenizer = fixture.Tokenizer;

    [Fact]
    public void Vocabulary_has_30522_entries_with_bert_special_ids()
    {
        Assert.Equal(30522, _tokenizer.VocabularySize);
        Assert.Equal((0, 100, 101, 102), (_tokenizer.PadId, _tokenizer.UnkId, _tokenizer.ClsId, _tokenizer.SepId));
        Assert.Equal("cafe", _tokenizer.IdToToken(7668));
    }

    [Theory]
    [InlineData("café", new[] { 101, 7668, 102 })] // NFD "cafe"+U+0301, mark dropped → "cafe" (line 7669)
    [InlineData("naïve", new[] { 101, 15743, 102 })] // → "naive" (line 15744)
    [InlineData("CAFÉ", new[] { 101, 7668, 102 })] // lowercased before accents are stripped
    public void Accents_are_stripped_and_text_lowercased(string text, int[] expected) =>
        Assert.Equal(expected, _tokenizer.Encode(text));

    [Fact]
    public void Punctuation_is_split_into_single_tokens()
    {
        // hello 7592, "," 1010, world 2088, "!" 999; the apostrophe splits "don't" into don ' t.
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], _tokenizer.Encode("Hello, world!"));
        Assert.Equal(["don", "'", "t", "panic", ":", "it", "'", "s", "42", "!"], _tokenizer.Tokenize("Don't panic: it's 42!"));

        // ASCII symbols that are not Unicode punctuation (+, &, #) split too, as Hugging Face's _is_punctuation says.
        Assert.Equal(["c", "+", "+", "&", "c", "#"], _tokenizer.Tokenize("C++ & C#"));
    }

    [Fact]
    public void Hugging_Face_documentation_example_matches()
    {
        // transformers docs (BertModel example): tokenizer("Hello, my dog is cute") → [101, 7592, 1010, 2026, 3899, 2003, 10140, 102].
        Assert.Equal([101, 7592, 1010, 2026, 3899, 2003, 10140, 102], _tokenizer.Encode("Hello, my dog is cute"));
    }

    [Fact]
    public void Cjk_characters_are_single_tokens_and_kana_marks_are_stripped()
    {
        // 東 1879 and 京 1755 stand alone; 首 is not in the vocabulary → [UNK] 100; で → て (dakuten is Mn) 1665, す → ##す 30184.
        Assert.Equal(
            [101, 1879, 1755, 1672, 1864, 1876, 1671, 100, 1961, 1665, 30184, 102],
            _tokenizer.Encode("東京は日本の首都です"));
    }

    [Fact]
    public void Unknown_words_are_split_into_word_pieces()
    {
        // Greedy longest match: una (14477) + ##ffa (20961) + ##ble (3468).
        Assert.Equal(["una", "##ffa", "##ble"], _tokenizer.Tokenize("unaffable"));
        Assert.Equal([101, 14477, 20961, 3468, 102], _tokenizer.Encode("unaffable"));
    }

    [Fact]
    public void Short_alphanumeric_word_not_in_vocabulary_becomes_pieces_not_unk()
    {
        // "k2" is not in vocab.txt; "k" (line 1048) and "##2" (line 2476) are.
        Assert.Equal([101, 1047, 2475, 102], _tokenizer.Encode("K2"));
    }

    [Fact]
    public void Word_longer_than_100_characters_is_unk()
    {
        Assert.Equal([101, 100, 102], _tokenizer.Encode(new string('a', 101)));
        Assert.NotEqual(100, _tokenizer.Encode(new string('a', 100))[1]);
    }

    [Fact]
    public void Greek_final_sigma_is_lowercased_as_python_does()
    {
        // Python "ΟΔΟΣ".lower() == "οδος" (final ς): ο 1169, ##δ 29722, ##ος 15297.
        Assert.Equal([101, 1169, 29722, 15297, 102], _tokenizer.Encode("ΟΔΟΣ"));
    }

    [Fact]
    public void Control_and_zero_width_characters_are_dropped()
    {
        // U+200B (Cf) and NUL are removed by _clean_text, so "x\u200By" is the word "xy" → x ##y.
        Assert.Equal(["x", "##y"], _tokenizer.Tokenize("x\u200By"));
        Assert.Equal(["hello", "##world", "!"], _tokenizer.Tokenize("hello\0world\uFFFD!"));
    }

    [Fact]
    public void Special_token_in_text_is_kept_whole()
    {
        Assert.Equal([101, 1037, 103, 1038, 102], _tokenizer.Encode("a[MASK]b"));
    }

    [Fact]
    public void Empty_text_encodes_as_cls_sep()
    {
        Assert.Equal([101, 102], _tokenizer.Encode(string.Empty));
        Assert.Equal([101, 102], _tokenizer.Encode(" \t "));
    }

    [Fact]
    public void Text_over_256_pieces_is_truncated_with_sep_last()
    {
        // 300 × "word" (id 2773) → [CLS] + 254 × word + [SEP].
        var ids = _tokenizer.Encode(string.Concat(Enumerable.Repeat("word ", 300)), 256);
        Assert.Equal(256, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        Assert.All(ids[1..^1], id => Assert.Equal(2773, id));
    }
}
