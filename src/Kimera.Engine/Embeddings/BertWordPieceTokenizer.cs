using System.Globalization;
using System.Text;
using Kimera.Engine.Python;

namespace Kimera.Engine.Embeddings;

/// <summary>
/// Uncased BERT WordPiece tokenization, equal to Hugging Face's <c>BertTokenizer</c>
/// (<c>do_lower_case=True</c>, accents stripped, CJK characters split, special tokens in the text kept whole).
/// </summary>
/// <remarks>
/// Written by hand because neither candidate library matches Hugging Face exactly. Checked against a port of
/// Hugging Face's Python tokenizer on the 23,727 distinct texts of the shared datasets plus edge cases:
/// FastBertTokenizer 1.2.6 differs on 2 (it ignores the 100-characters-per-word limit, so a word such as
/// the 171-letter Greek dish name becomes pieces instead of <c>[UNK]</c>); Microsoft.ML.Tokenizers 2.0.1
/// (lowerCase and RemoveNonSpacingMarks on) differs on 275 (it drops ASCII symbols such as <c>+</c> and
/// <c>=</c> and non-punctuation symbols, keeps zero-width format characters, and mishandles tabs).
/// Instances are immutable and safe for concurrent use.
/// </remarks>
public sealed class BertWordPieceTokenizer
{
    /// <summary>Hugging Face's <c>max_input_chars_per_word</c>: longer words become <c>[UNK]</c>.</summary>
    public const int MaxCharsPerWord = 100;

    private static readonly string[] SpecialTokens = ["[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]"];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _wordStarts;
    private readonly Dictionary<string, int> _continuations;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordStartLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuationLookup;
    private readonly int _maxWordStartLength;
    private readonly int _maxContinuationLength;
    private readonly Dictionary<string, int> _specialIds = new(StringComparer.Ordinal);

    private BertWordPieceTokenizer(string[] tokens)
    {
        _tokens = tokens;
        _wordStarts = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        _continuations = new Dictionary<string, int>(tokens.Length / 4, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
        {
            var token = tokens[id];
            if (token.StartsWith("##", StringComparison.Ordinal) && token.Length > 2)
            {
                // First occurrence wins, as in Hugging Face's vocab loading (later duplicates are unreachable).
                _continuations.TryAdd(token[2..], id);
                _maxContinuationLength = Math.Max(_maxContinuationLength, token.Length - 2);
            }
            else
            {
                _wordStarts.TryAdd(token, id);
                _maxWordStartLength = Math.Max(_maxWordStartLength, token.Length);
            }
        }

        _wordStartLookup = _wordStarts.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuationLookup = _continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var special in SpecialTokens)
        {
            if (!_wordStarts.TryGetValue(special, out var id))
            {
                throw new InvalidDataException($"The vocabulary has no '{special}' token.");
            }

            _specialIds[special] = id;
        }

        ClsId = _specialIds["[CLS]"];
        SepId = _specialIds["[SEP]"];
        PadId = _specialIds["[PAD]"];
        UnkId = _specialIds["[UNK]"];
    }

    /// <summary>Id of <c>[CLS]</c> (101 in the MiniLM vocabulary).</summary>
    public int ClsId { get; }

    /// <summary>Id of <c>[SEP]</c> (102 in the MiniLM vocabulary).</summary>
    public int SepId { get; }

    /// <summary>Id of <c>[PAD]</c> (0 in the MiniLM vocabulary).</summary>
    public int PadId { get; }

    /// <summary>Id of <c>[UNK]</c> (100 in the MiniLM vocabulary).</summary>
    public int UnkId { get; }

    /// <summary>Number of entries in the vocabulary (30,522 for MiniLM).</summary>
    public int VocabularySize => _tokens.Length;

    /// <summary>Reads a <c>vocab.txt</c> (one token per line, token id = line index, UTF-8).</summary>
    public static BertWordPieceTokenizer FromVocabulary(Stream vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var tokens = new List<string>(32_000);
        using var reader = new StreamReader(vocabulary, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            // The packaged vocab.txt has CRLF line ends; ReadLine drops both, as Python's universal-newline reading does.
            tokens.Add(line);
        }

        if (tokens.Count == 0)
        {
            throw new InvalidDataException("The vocabulary is empty.");
        }

        return new BertWordPieceTokenizer([.. tokens]);
    }

    /// <summary>Reads a <c>vocab.txt</c> file.</summary>
    public static BertWordPieceTokenizer FromVocabularyFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Vocabulary file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return FromVocabulary(stream);
    }

    /// <summary>The token text of <paramref name="id"/>.</summary>
    public string IdToToken(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Length);
        return _tokens[id];
    }

    /// <summary>The word pieces of <paramref name="text"/> (no <c>[CLS]</c>/<c>[SEP]</c>, not truncated).</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        AppendIds(text, ids, int.MaxValue);
        return ids.ConvertAll(id => _tokens[id]);
    }

    /// <summary>
    /// <c>[CLS] pieces [SEP]</c> for <paramref name="text"/>, truncated so that at most
    /// <paramref name="maxLength"/> ids remain (both specials included, <c>[SEP]</c> always last).
    /// </summary>
    public int[] Encode(string text, int maxLength = 256)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var ids = new List<int>(Math.Min(maxLength, (text.Length / 3) + 8)) { ClsId };
        AppendIds(text, ids, maxLength - 1);
        ids.Add(SepId);
        return [.. ids];
    }

    /// <summary>Appends word-piece ids of <paramref name="text"/> until <paramref name="ids"/> holds <paramref name="limit"/> items.</summary>
    private void AppendIds(string text, List<int> ids, int limit)
    {
        // Hugging Face first splits the raw text on its special tokens (added tokens, matched case-sensitively,
        // never normalised), so a literal "[SEP]" in the text is the separator, not "[", "sep", "]".
        var start = 0;
        if (text.Contains('[', StringComparison.Ordinal))
        {
            while (start < text.Length && ids.Count < limit)
            {
                var (at, special) = FindSpecial(text, start);
                if (at < 0)
                {
                    break;
                }

                AppendBasic(text.AsSpan(start, at - start), ids, limit);
                if (ids.Count < limit)
                {
                    ids.Add(_specialIds[special!]);
                }

                start = at + special!.Length;
            }
        }

        if (start < text.Length)
        {
            AppendBasic(text.AsSpan(start), ids, limit);
        }
    }

    private static (int At, string? Special) FindSpecial(string text, int from)
    {
        var best = -1;
        string? bestToken = null;
        foreach (var special in SpecialTokens)
        {
            var at = text.IndexOf(special, from, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best))
            {
                best = at;
                bestToken = special;
            }
        }

        return (best, bestToken);
    }

    /// <summary>
    /// Hugging Face's BasicTokenizer: drop NUL, U+FFFD and control/format characters, whitespace separates,
    /// CJK ideographs stand alone; each whitespace-separated token is lowercased, stripped of accents and split on punctuation.
    /// </summary>
    private void AppendBasic(ReadOnlySpan<char> text, List<int> ids, int limit)
    {
        var word = new StringBuilder(32);
        var ascii = true;
        foreach (var rune in text.EnumerateRunes())
        {
            if (ids.Count >= limit)
            {
                return;
            }

            var cp = rune.Value;
            if (cp < 0x80)
            {
                // ASCII fast path: same classification as below, without category look-ups.
                if (cp is ' ' or '\t' or '\n' or '\r')
                {
                    FlushToken(word, ascii, ids, limit);
                    ascii = true;
                }
                else if (cp > 0x20 && cp != 0x7F)
                {
                    word.Append((char)cp);
                }

                // Other ASCII control characters (including NUL, VT, FF) are dropped.
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (cp == 0xFFFD || IsOther(category))
            {
                continue;
            }

            if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                // Zs becomes a space in _clean_text; Zl/Zp survive cleaning but Python's str.split() splits on them.
                FlushToken(word, ascii, ids, limit);
                ascii = true;
            }
            else if (IsCjk(cp))
            {
                FlushToken(word, ascii, ids, limit);
                ascii = true;
                AppendRune(word, rune);
                FlushToken(word, false, ids, limit);
            }
            else
            {
                ascii = false;
                AppendRune(word, rune);
            }
        }

        FlushToken(word, ascii, ids, limit);
    }

    private void FlushToken(StringBuilder word, bool ascii, List<int> ids, int limit)
    {
        if (word.Length == 0)
        {
            return;
        }

        string token;
        if (ascii)
        {
            token = string.Create(word.Length, word, static (span, sb) =>
            {
                sb.CopyTo(0, span, sb.Length);
                for (var i = 0; i < span.Length; i++)
                {
                    if (span[i] is >= 'A' and <= 'Z')
                    {
                        span[i] = (char)(span[i] + 32);
                    }
                }
            });
        }
        else
        {
            token = StripAccents(PythonText.Lower(word.ToString()));
        }

        word.Clear();
        SplitOnPunctuationAndAppend(token, ids, limit);
    }

    private void SplitOnPunctuationAndAppend(string token, List<int> ids, int limit)
    {
        var wordStart = 0;
        var i = 0;
        while (i < token.Length)
        {
            var rune = Rune.GetRuneAt(token, i);
            if (IsPunctuation(rune))
            {
                if (i > wordStart)
                {
                    AppendWordPieces(token.AsSpan(wordStart, i - wordStart), ids, limit);
                }

                AppendWordPieces(token.AsSpan(i, rune.Utf16SequenceLength), ids, limit);
                wordStart = i + rune.Utf16SequenceLength;
            }

            i += rune.Utf16SequenceLength;
        }

        if (wordStart < token.Length)
        {
            AppendWordPieces(token.AsSpan(wordStart), ids, limit);
        }
    }

    /// <summary>Greedy longest-match-first WordPiece, as Hugging Face's WordpieceTokenizer.</summary>
    private void AppendWordPieces(ReadOnlySpan<char> word, List<int> ids, int limit)
    {
        if (ids.Count >= limit)
        {
            return;
        }

        // The limit counts code points (Python characters), not UTF-16 units.
        if (word.Length > MaxCharsPerWord && CountRunes(word) > MaxCharsPerWord)
        {
            ids.Add(UnkId);
            return;
        }

        var firstPiece = ids.Count;
        var start = 0;
        while (start < word.Length)
        {
            var continuation = start > 0;
            var maxLength = continuation ? _maxContinuationLength : _maxWordStartLength;
            var end = Math.Min(word.Length, start + maxLength);
            var found = -1;
            while (end > start)
            {
                var piece = word[start..end];
                if (continuation ? _continuationLookup.TryGetValue(piece, out var id) : _wordStartLookup.TryGetValue(piece, out id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found < 0)
            {
                // The whole word becomes one [UNK], discarding pieces already found.
                ids.RemoveRange(firstPiece, ids.Count - firstPiece);
                ids.Add(UnkId);
                return;
            }

            ids.Add(found);
            start = end;
        }

        if (ids.Count > limit)
        {
            ids.RemoveRange(limit, ids.Count - limit);
        }
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        if (rune.IsBmp)
        {
            builder.Append((char)rune.Value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            rune.EncodeToUtf16(pair);
            builder.Append(pair);
        }
    }

    private static int CountRunes(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Unicode NFD, then drop non-spacing marks (category Mn), as <c>_run_strip_accents</c>.</summary>
    private static string StripAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                AppendRune(builder, rune);
            }
        }

        return builder.ToString();
    }

    /// <summary>Hugging Face's <c>_is_control</c> minus tab/CR/LF: every "C*" category.</summary>
    private static bool IsOther(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    /// <summary>Hugging Face's <c>_is_punctuation</c>: the ASCII non-alphanumeric ranges and every "P*" category.</summary>
    private static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return cp >= 0x80 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>Hugging Face's <c>_is_chinese_char</c> ranges (CJK Unified Ideographs and extensions, compatibility ideographs).</summary>
    private static bool IsCjk(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
