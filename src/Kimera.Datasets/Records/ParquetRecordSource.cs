using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Kimera.Datasets.Records;

/// <summary>
/// Parquet (Hugging Face exports among others), read with Parquet.Net one row group at a time, so memory is bounded by a
/// row group and not by the file. The header is the names of the top-level primitive columns in schema order; nested
/// columns (lists, structs, maps) are left out. Only the columns given to <see cref="ReadOnly"/> are decoded. Values
/// become strings as in JSON Lines: strings as they are, null as empty, integers and booleans as <c>-1</c>, <c>2</c>,
/// <c>true</c>, floating point numbers round-trippable in the invariant culture, anything else by its invariant
/// <see cref="IFormattable.ToString(string?, IFormatProvider?)"/> (binary as base64). Rows are numbered from 1 across all
/// row groups. A forward-only input (a blob) is first copied to a temporary file deleted on close, since Parquet is
/// read from its end.
/// </summary>
internal sealed class ParquetRecordSource : IRecordSource
{
    private static readonly MethodInfo ReadFormattableMethod =
        typeof(ParquetRecordSource).GetMethod(nameof(ReadFormattableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ParquetReader _reader;
    private readonly string _fileName;
    private readonly DataField[] _fields;
    private readonly string[] _header;
    private bool[] _wanted;
    private Dictionary<string, IReadOnlyList<string>>? _classLabels;

    private ParquetRecordSource(Stream stream, bool leaveOpen, ParquetReader reader, string fileName)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _reader = reader;
        _fileName = fileName;
        _fields = [.. reader.Schema.Fields.OfType<DataField>().Where(IsReadable)];
        _header = [.. _fields.Select(f => f.Name)];
        _wanted = [.. _fields.Select(_ => true)];
    }

    public string RecordUnit => "row";

    public string FieldCountHint => string.Empty;

    /// <summary>
    /// Opens a Parquet input, taking ownership of <paramref name="stream"/>.
    /// </summary>
    public static Task<ParquetRecordSource> OpenAsync(Stream stream, string fileName, CancellationToken cancellationToken) =>
        OpenAsync(stream, fileName, leaveOpen: false, cancellationToken);

    /// <summary>
    /// Opens a Parquet input and reads its footer (schema, row groups, key-value metadata). Unless
    /// <paramref name="leaveOpen"/>, takes ownership of <paramref name="stream"/>: it is disposed with the source, when
    /// opening fails, or, when it is forward-only, as soon as it has been copied to a temporary file (deleted when the
    /// source is disposed).
    /// </summary>
    /// <param name="fileName">Names the file in messages.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the source is disposed.</param>
    /// <exception cref="DatasetFormatException">The input is not a readable Parquet file.</exception>
    public static async Task<ParquetRecordSource> OpenAsync(Stream stream, string fileName, bool leaveOpen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var input = stream;
        try
        {
            if (!stream.CanSeek)
            {
                input = await CopyToTemporaryFileAsync(stream, cancellationToken).ConfigureAwait(false);
                if (!leaveOpen)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }

            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(input, parquetOptions: null, leaveStreamOpen: true, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new DatasetFormatException(fileName, 0, $"is not a readable Parquet file: {ex.Message}", ex);
            }

            // The temporary copy is always this source's own; the caller's stream only when not leaveOpen.
            return new ParquetRecordSource(input, leaveOpen && ReferenceEquals(input, stream), reader, fileName);
        }
        catch
        {
            if (!ReferenceEquals(input, stream))
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }

            if (!leaveOpen)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_header);

    public void ReadOnly(IReadOnlySet<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _wanted = [.. Enumerable.Range(0, _header.Length).Select(columns.Contains)];
    }

    public IReadOnlyList<string>? ClassLabelNames(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        _classLabels ??= ReadClassLabels(_reader.CustomMetadata);
        return _classLabels.TryGetValue(column, out var names) ? names : null;
    }

    /// <summary>
    /// The rows, one row group at a time. The next row group is decoded on the thread pool while the rows of the current
    /// one are handed out: Parquet's row groups are independent, and decompressing them is most of the cost (bench
    /// dataset-formats), so this uses a second core; at most two row groups are held at once.
    /// </summary>
    public async IAsyncEnumerable<DatasetRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var groups = _reader.RowGroupCount;
        var pending = groups > 0 ? ReadGroupAsync(0, 0, cancellationToken) : null;
        var row = 0L;
        try
        {
            for (var group = 0; group < groups; group++)
            {
                var (count, columns) = await pending!.ConfigureAwait(false);
                var first = row + count;
                var next = group + 1;
                pending = next < groups ? Task.Run(() => ReadGroupAsync(next, first, cancellationToken), cancellationToken) : null;
                for (var i = 0; i < count; i++)
                {
                    var fields = new string[_fields.Length];
                    for (var column = 0; column < fields.Length; column++)
                    {
                        fields[column] = columns[column]?[i] ?? string.Empty;
                    }

                    yield return new DatasetRow(++row, 1, fields, null);
                }
            }
        }
        finally
        {
            // Stopped early (a row limit, an error): let the row group being read finish before the reader is disposed.
            if (pending is not null)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is DatasetFormatException or OperationCanceledException)
                {
                    // Nobody asked for these rows.
                }
            }
        }
    }

    /// <summary>The wanted columns of one row group as text; <paramref name="rowsBefore"/> numbers its rows in messages.</summary>
    private async Task<(int Count, string?[]?[] Columns)> ReadGroupAsync(int group, long rowsBefore, CancellationToken cancellationToken)
    {
        var rowGroup = _reader.OpenRowGroupReader(group);
        var count = checked((int)rowGroup.RowCount);
        var columns = new string?[]?[_fields.Length];
        for (var column = 0; column < _fields.Length; column++)
        {
            if (!_wanted[column])
            {
                continue;
            }

            try
            {
                columns[column] = await ReadColumnAsync(rowGroup, _fields[column], count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new DatasetFormatException(
                    _fileName,
                    0,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"column '{_header[column]}' of row group {group + 1} (rows {rowsBefore + 1} to {rowsBefore + count}) cannot be read: {ex.Message}"),
                    ex);
            }
        }

        return (count, columns);
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A top-level column holding one primitive value per row, of a type this source turns into text.</summary>
    private static bool IsReadable(DataField field) =>
        !field.IsArray
        && field.MaxRepetitionLevel == 0
        && (field.ClrType == typeof(string) || field.ClrType == typeof(byte[]) || field.ClrType.IsValueType);

    private static async Task<Stream> CopyToTemporaryFileAsync(Stream stream, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kimera-{Guid.NewGuid():N}.parquet");
        var file = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await stream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One column of one row group as text (null where the value is null).</summary>
    private static async ValueTask<string?[]> ReadColumnAsync(
        ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
    {
        var type = field.ClrType;

        // Parquet.Net 6 gives string columns the CLR type ReadOnlyMemory<char>: read them straight into strings rather than
        // through ReadOtherAsync, which boxes every value to call ToString (bench dataset-formats: about 8% less CPU).
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[count];
            await rowGroup.ReadAsync(field, strings.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return strings;
        }

        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            var bytes = new byte[]?[count];
            await rowGroup.ReadAsync(field, bytes.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return [.. bytes.Select(b => b is null ? null : Convert.ToBase64String(b))];
        }

        return type switch
        {
            _ when type == typeof(bool) => await ReadAsync<bool>(rowGroup, field, count, b => b ? "true" : "false", cancellationToken).ConfigureAwait(false),
            _ when type == typeof(int) => await ReadAsync<int>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(long) => await ReadAsync<long>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(short) => await ReadAsync<short>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await ReadAsync<sbyte>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(byte) => await ReadAsync<byte>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(ushort) => await ReadAsync<ushort>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(uint) => await ReadAsync<uint>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(ulong) => await ReadAsync<ulong>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(float) => await ReadAsync<float>(rowGroup, field, count, f => f.ToString("R", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(double) => await ReadAsync<double>(rowGroup, field, count, d => d.ToString("R", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false),
            _ when type == typeof(decimal) => await ReadAsync<decimal>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ when type == typeof(BigInteger) => await ReadAsync<BigInteger>(rowGroup, field, count, Invariant, cancellationToken).ConfigureAwait(false),
            _ => await ReadOtherAsync(rowGroup, field, count, cancellationToken).ConfigureAwait(false),
        };
    }

    private static string Invariant<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>A column of another value type (dates, times, GUIDs…), by its invariant text.</summary>
    private static ValueTask<string?[]> ReadOtherAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken) =>
        (ValueTask<string?[]>)ReadFormattableMethod.MakeGenericMethod(field.ClrType).Invoke(null, [rowGroup, field, count, cancellationToken])!;

    private static ValueTask<string?[]> ReadFormattableAsync<T>(
        ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
        where T : struct =>
        ReadAsync<T>(
            rowGroup,
            field,
            count,
            v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v.ToString() ?? string.Empty,
            cancellationToken);

    /// <summary>A column of value type <typeparamref name="T"/>, through a pooled buffer of one row group's values.</summary>
    private static async ValueTask<string?[]> ReadAsync<T>(
        ParquetRowGroupReader rowGroup, DataField field, int count, Func<T, string> format, CancellationToken cancellationToken)
        where T : struct
    {
        var text = new string?[count];
        if (field.IsNullable)
        {
            var values = ArrayPool<T?>.Shared.Rent(count);
            try
            {
                await rowGroup.ReadAsync(field, values.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    text[i] = values[i] is { } value ? format(value) : null;
                }
            }
            finally
            {
                ArrayPool<T?>.Shared.Return(values);
            }
        }
        else
        {
            var values = ArrayPool<T>.Shared.Rent(count);
            try
            {
                await rowGroup.ReadAsync(field, values.AsMemory(0, count), null, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < count; i++)
                {
                    text[i] = format(values[i]);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values);
            }
        }

        return text;
    }

    /// <summary>
    /// The <c>ClassLabel</c> names per column from the <c>huggingface</c> key-value metadata that Hugging Face
    /// <c>datasets</c> writes: <c>{"info": {"features": {"label": {"names": [...], "_type": "ClassLabel"}, ...}}}</c>.
    /// Anything missing or malformed gives no names.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadClassLabels(IReadOnlyDictionary<string, string>? metadata)
    {
        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (metadata is null || !metadata.TryGetValue("huggingface", out var json) || string.IsNullOrWhiteSpace(json))
        {
            return labels;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("info", out var info)
                || info.ValueKind != JsonValueKind.Object
                || !info.TryGetProperty("features", out var features)
                || features.ValueKind != JsonValueKind.Object)
            {
                return labels;
            }

            foreach (var feature in features.EnumerateObject())
            {
                if (ClassLabelNames(feature.Value) is { } names)
                {
                    labels[feature.Name] = names;
                }
            }
        }
        catch (JsonException)
        {
            labels.Clear();
        }

        return labels;
    }

    private static string[]? ClassLabelNames(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object
            || !feature.TryGetProperty("_type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "ClassLabel"
            || !feature.TryGetProperty("names", out var names)
            || names.ValueKind != JsonValueKind.Array
            || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
        {
            return null;
        }

        return [.. names.EnumerateArray().Select(n => n.GetString()!)];
    }
}
