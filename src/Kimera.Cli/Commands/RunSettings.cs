using System.ComponentModel;
using System.Globalization;
using Kimera.Engine.Embeddings.Quantization;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Pipeline;
using Kimera.Storage.AzureAccount;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>Arguments of <c>kimera run</c> (docs/architecture.md, "Contracts").</summary>
public sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "<dataset>")]
    [Description("Dataset file (.csv, .tsv/.txt, .jsonl/.json, .parquet; text formats also .gz): pairs (pair_id,text1,text2,label,lang,type), SNLI/MultiNLI, ANLI, Hugging Face NLI, FEVER, geoids (id,lang,text,label_contradict_id), texts (text,lang), or any columns with --text1-column and --text2-column.")]
    public string Dataset { get; init; } = string.Empty;

    [CommandOption("--format <FORMAT>")]
    [Description("The file's format: csv, tsv, jsonl or parquet. Default: from the extension.")]
    public string? Format { get; init; }

    [CommandOption("--text1-column <NAME>")]
    [Description("Column of the first text (premise, evidence). Default: the recognised layout's.")]
    public string? Text1Column { get; init; }

    [CommandOption("--text2-column <NAME>")]
    [Description("Column of the second text (hypothesis, claim). Default: the recognised layout's.")]
    public string? Text2Column { get; init; }

    [CommandOption("--label-column <NAME>")]
    [Description("Column of the gold label. Default: the recognised layout's.")]
    public string? LabelColumn { get; init; }

    [CommandOption("--id-column <NAME>")]
    [Description("Column of the pair id. Default: the recognised layout's, else line numbers.")]
    public string? IdColumn { get; init; }

    [CommandOption("--positive-label <VALUES>")]
    [Description("Label values that mean contradiction, comma-separated; every other known value is not. Default: the layout's (contradiction, c, 2, REFUTES, true, 1).")]
    public string? PositiveLabels { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Run folder for pairs.csv, report.json, report.html; running again into it resumes. Default: runs/<dataset name>.")]
    public string? Out { get; init; }

    [CommandOption("--max-pairs <N>")]
    [Description("Run only the first N pairs, in the order they are built from the file: a plain prefix, one-sided when the file comes sorted by language or label (use --sample for a fair subset).")]
    public int? MaxPairs { get; init; }

    [CommandOption("--sample <N>")]
    [Description("Plan a seeded sample of N pairs, stratified by label and language (proportional, largest remainder); the same sample for every chunk size. Changes with --seed.")]
    public int? Sample { get; init; }

    [CommandOption("--chunk-size <N>")]
    [DescriptionWithDefault("Pairs per chunk, the unit of parallel work and of resume.", RunSpec.DefaultChunkSize)]
    public int? ChunkSize { get; init; }

    [CommandOption("--parallelism <N>")]
    [Description("Chunks processed at once. Default: the number of cores.")]
    public int? Parallelism { get; init; }

    [CommandOption("--seed <N>")]
    [DescriptionWithDefault("Seed of every random choice (negative pairs, shuffles, sample, reactor, bootstrap).", RunSpec.DefaultSeed)]
    public int? Seed { get; init; }

    [CommandOption("--judges <LIST>")]
    [Description("Comma-separated judges: kimera, llm (llm is skipped with a notice when OPENAI_API_KEY is not set). Default: kimera,llm.")]
    public string? Judges { get; init; }

    [CommandOption("--judges-file <PATH>")]
    [Description("A judge file (JSON): any number of Kimera variants and LLM judges, each named; see docs/many-judges.md. Instead of --judges.")]
    public string? JudgesFile { get; init; }

    [CommandOption("--sweep <OPTION=FROM:TO:STEP>")]
    [Description("Run one Kimera variant per value of an engine option, e.g. resonance_threshold=0.6:0.9:0.05 (texts embedded once); they replace the kimera judge.")]
    public string? Sweep { get; init; }

    [CommandOption("--llm-model <MODEL>")]
    [Description("Chat model of the LLM judge. Default: gpt-4o-mini.")]
    public string? LlmModel { get; init; }

    [CommandOption("--llm-both-orders")]
    [Description("Ask the LLM judges each pair in both orders, (text1, text2) and (text2, text1): twice the requests; the verdict is the mean score of both, and the report gives the order flip rate. Also bothOrders in a judge file, Kimera__Llm__BothOrders.")]
    public bool LlmBothOrders { get; init; }

    [CommandOption("--llm-endpoint <URL>")]
    [Description("Base URL of an OpenAI-compatible API (OpenAI, Azure OpenAI v1, OpenRouter, vLLM, Ollama). The key comes from OPENAI_API_KEY.")]
    public string? LlmEndpoint { get; init; }

    [CommandOption("--llm-temperature <T>")]
    [Description("Temperature of the LLM judge's requests, 0-2, or 'none' to leave it out. Default: 0.1, none for a reasoning model (o-series, gpt-5).")]
    public string? LlmTemperature { get; init; }

    [CommandOption("--llm-max-output-tokens <N>")]
    [Description("Output-token limit of each LLM request, reasoning included (16-100000). Default: 4000 for a reasoning model, 200 otherwise.")]
    public int? LlmMaxOutputTokens { get; init; }

    [CommandOption("--llm-reasoning-effort <EFFORT>")]
    [Description("low, medium or high: sent as reasoning_effort to a reasoning model. Default: not sent (the model's own).")]
    public string? LlmReasoningEffort { get; init; }

    [CommandOption("--llm-price-input <USD>")]
    [Description("US dollars per million input tokens of the LLM model (0 for a model you host). Default: the model profile's list price.")]
    public double? LlmPriceInput { get; init; }

    [CommandOption("--llm-price-output <USD>")]
    [Description("US dollars per million output tokens, reasoning included. Default: the model profile's list price.")]
    public double? LlmPriceOutput { get; init; }

    [CommandOption("--llm-response-format <FORMAT>")]
    [Description("json_schema, json_object or none: the response format the LLM judge asks for. Default: none.")]
    public string? LlmResponseFormat { get; init; }

    [CommandOption("--llm-auth <AUTH>")]
    [Description("How the LLM judge signs in: key (OPENAI_API_KEY as a bearer token) or azure (Entra ID token from DefaultAzureCredential for Azure OpenAI: az login, a managed identity; no key). Default: $Kimera__Llm__Auth, else key.")]
    public string? LlmAuth { get; init; }

    [CommandOption("--llm-managed-identity-client-id <ID>")]
    [Description("With --llm-auth azure: client id of the user-assigned managed identity to sign in with. Default: $AZURE_CLIENT_ID, else the system-assigned identity.")]
    public string? LlmManagedIdentityClientId { get; init; }

    [CommandOption("--llm-rpm <N>")]
    [Description("Requests per minute the LLM provider allows this run. Default: 500.")]
    public int? LlmRequestsPerMinute { get; init; }

    [CommandOption("--budget-usd <USD>")]
    [Description("Refuse to start when the LLM cost estimate is above this, and stop calling the LLM once it is spent.")]
    public double? BudgetUsd { get; init; }

    [CommandOption("--cache <PATH>")]
    [Description("SQLite file holding both caches: embeddings and LLM answers. Default: ~/.cache/kimera/cache.db.")]
    public string? Cache { get; init; }

    [CommandOption("--storage <CONNECTION>")]
    [Description("Azure Table Storage for both caches, shared by a team: embeddings (table 'embeddings') and LLM answers (table 'judgements'). A connection string (UseDevelopmentStorage=true for Azurite), a storage account name or a table service URI (signed in with DefaultAzureCredential). Default: $KIMERA_STORAGE unless --cache is given; without either, the SQLite cache.")]
    public string? Storage { get; init; }

    [CommandOption("--no-cache")]
    [Description("Use no cache: embed every text and ask the LLM about every pair.")]
    public bool NoCache { get; init; }

    [CommandOption("--bootstrap-resamples <N>")]
    [DescriptionWithDefault("Bootstrap resamples for confidence intervals; 0 turns them off.", RunSpec.DefaultBootstrapResamples)]
    public int? BootstrapResamples { get; init; }

    /// <summary>The former spelling of <c>--bootstrap-resamples</c>, still accepted (see <see cref="RunOptions.Table"/>).</summary>
    [CommandOption("--bootstrap <N>", IsHidden = true)]
    public int? Bootstrap { get; init; }

    [CommandOption("--folds <K>")]
    [DescriptionWithDefault("Cross-validation folds for the Kimera threshold.", RunSpec.DefaultFolds)]
    public int? Folds { get; init; }

    [CommandOption("--max-text-length <N>")]
    [DescriptionWithDefault("Rows with a longer text are reported as bad rows.", RunSpec.DefaultMaxTextLength)]
    public int? MaxTextLength { get; init; }

    [CommandOption("--model <PATH>")]
    [Description("Sentence-transformers ONNX model to use instead of the packaged all-MiniLM-L6-v2.")]
    public string? ModelPath { get; init; }

    [CommandOption("--vocab <PATH>")]
    [Description("vocab.txt of --model.")]
    public string? VocabPath { get; init; }

    [CommandOption("--precision <P>")]
    [Description("Embedding arithmetic: fp32 (default; the original's vectors) or int8 (faster on CPUs with VNNI/AMX, cosine >= 0.99 to fp32).")]
    public string? Precision { get; init; }

    [CommandOption("--int8-weights <W>")]
    [Description("With --precision int8: auto (default; signed int8 weights where the CPU has avx512_vnni, avx_vnni or amx_int8, same vectors and faster; unsigned elsewhere; KIMERA_INT8_WEIGHTS when set), signed or unsigned.")]
    public string? Int8Weights { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Log progress details on stderr.")]
    public bool Verbose { get; init; }

    /// <summary>The storage named by --storage; <c>KIMERA_STORAGE</c> comes from the host's configuration (<see cref="CacheSelector.Storage"/>).</summary>
    public string? StorageConnection => Storage is { Length: > 0 } storage ? storage : null;

    public IReadOnlyList<string> JudgeList =>
        Judges is null
            ? JudgeNames.All
            : Judges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(j => j.ToLowerInvariant()).Distinct().ToArray();

    /// <summary>The judge set these arguments ask for (--judges, --judges-file, --sweep), with every problem found.</summary>
    /// <param name="configuredJudges">The judges of the <c>Kimera:Run</c> configuration: the list when neither --judges nor
    /// --judges-file is given; <c>null</c> = <see cref="JudgeNames.All"/>.</param>
    public JudgeSetReadResult ReadJudges(IReadOnlyList<string>? configuredJudges = null)
    {
        var problems = new List<string>();
        if (JudgesFile is not null && Judges is not null)
        {
            problems.Add("--judges and --judges-file both name the judges; give one of them.");
        }

        var read = JudgesFile is not null
            ? JudgeFile.Read(JudgesFile)
            : new JudgeSetReadResult([.. (Judges is null && configuredJudges is not null ? configuredJudges : JudgeList).Select(JudgeDefinition.FromShorthand)], []);
        problems.AddRange(read.Problems);
        var judges = read.Judges;
        if (Sweep is not null)
        {
            var (sweep, error) = KimeraSweep.Parse(Sweep);
            if (sweep is null)
            {
                problems.Add(error!);
            }
            else
            {
                // The variants take the place of the plain kimera judge (first when there is none).
                var at = judges.ToList().FindIndex(j => j.Kind == JudgeKinds.Kimera && j.IsShorthand);
                var rest = judges.Where((_, i) => i != at).ToList();
                rest.InsertRange(Math.Max(0, at), sweep.Judges());
                judges = rest;
            }
        }

        return new JudgeSetReadResult(judges, problems);
    }

    /// <summary>The sweep these arguments ask for, when --sweep is given and valid.</summary>
    public KimeraSweep? SweepSpec => Sweep is null ? null : KimeraSweep.Parse(Sweep).Sweep;

    /// <summary>The run these arguments describe (the options given, through <see cref="RunOptions.Table"/>, over
    /// <paramref name="defaults"/>: the bound <c>Kimera:Run</c> section, or <see cref="RunSpec"/>'s defaults), with
    /// <paramref name="judges"/> (the judges that can run) as its judges.</summary>
    public RunSpec ToSpec(IReadOnlyList<JudgeDefinition> judges, RunSpec? defaults = null) =>
        (RunOptions.ToSpec(this, defaults) with { Sweep = SweepSpec?.Axis() }).WithJudges(judges);

    /// <summary>A <see cref="RunSpec"/> property's option name on this command line, for error messages.</summary>
    public static string OptionName(string specProperty) => RunOptions.OptionName(specProperty);

    public override ValidationResult Validate()
    {
        if (Directory.Exists(Dataset))
        {
            return ValidationResult.Error($"'{Dataset}' is a directory, not a file.");
        }

        if (Out is not null && File.Exists(Out))
        {
            return ValidationResult.Error($"--out '{Out}' is a file; give a folder for the run.");
        }

        if (Cache is not null && Directory.Exists(Cache))
        {
            return ValidationResult.Error($"--cache '{Cache}' is a folder; give the path of the SQLite file, e.g. '{Path.Combine(Cache, "cache.db")}'.");
        }

        if (LlmProblem() is { } llmProblem)
        {
            return ValidationResult.Error(llmProblem);
        }

        if (PrecisionOption.Parse(Precision) is null)
        {
            return ValidationResult.Error(PrecisionOption.Problem(Precision));
        }

        if (Int8WeightsOption.Problem(Int8Weights, Environment.GetEnvironmentVariable(Int8KernelChoice.EnvironmentVariable)) is { } weightsProblem)
        {
            return ValidationResult.Error(weightsProblem);
        }

        var judges = ReadJudges();
        if (!judges.IsValid)
        {
            return ValidationResult.Error(string.Join(Environment.NewLine, judges.Problems));
        }

        if (RunOptions.Conflict(this) is { } conflict)
        {
            return ValidationResult.Error(conflict);
        }

        var problems = ToSpec(judges.Judges).Validate(RunOptions.OptionNames(this));
        if (problems.Count > 0)
        {
            return ValidationResult.Error(string.Join(Environment.NewLine, problems));
        }

        if (Storage is not null && Cache is not null)
        {
            return ValidationResult.Error("--storage and --cache name two different caches; give one of them.");
        }

        if (StorageConnection is { } storageConnection && !AzureStorageConnection.TryParse(storageConnection, out _, out var storageError))
        {
            return ValidationResult.Error($"--storage: {storageError}");
        }

        return ValidationResult.Success();
    }

    /// <summary>The first problem with the LLM judge's options, named as on the command line. Checked here, whether or not
    /// a key is set, so that a bad value is exit 2 naming the option rather than a property of the judge's settings (or,
    /// for a malformed URL, a failed run).</summary>
    private string? LlmProblem()
    {
        if (LlmEndpoint is not null
            && (!Uri.TryCreate(LlmEndpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            return $"--llm-endpoint '{LlmEndpoint}' is not an absolute http(s) URL such as https://api.openai.com/v1/.";
        }

        if (LlmModel is not null && string.IsNullOrWhiteSpace(LlmModel))
        {
            return "--llm-model must not be empty.";
        }

        if (LlmAuth is not null && !JudgeAuth.All.Contains(LlmAuth.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return $"--llm-auth '{LlmAuth}' must be key or azure.";
        }

        if (LlmManagedIdentityClientId is not null && string.IsNullOrWhiteSpace(LlmManagedIdentityClientId))
        {
            return "--llm-managed-identity-client-id must not be empty.";
        }

        if (LlmRequestsPerMinute is { } rpm && rpm is < LlmJudgeOptions.MinimumRequestsPerMinute or > LlmJudgeOptions.MaximumRequestsPerMinute)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--llm-rpm must be between {LlmJudgeOptions.MinimumRequestsPerMinute} and {LlmJudgeOptions.MaximumRequestsPerMinute} (got {rpm}).");
        }

        if (LlmTemperature is { } temperature && temperature != "none"
            && (!double.TryParse(temperature, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 2 || double.IsNaN(t)))
        {
            return $"--llm-temperature must be a number between 0 and 2, or none (got '{temperature}').";
        }

        if (LlmMaxOutputTokens is { } maxOutput && maxOutput is < 16 or > 100_000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--llm-max-output-tokens must be between 16 and 100000 (got {maxOutput}).");
        }

        if (LlmReasoningEffort is { } effort && !LlmJudgeOptions.ReasoningEfforts.Contains(effort, StringComparer.Ordinal))
        {
            return $"--llm-reasoning-effort must be one of {string.Join(", ", LlmJudgeOptions.ReasoningEfforts)} (got '{effort}').";
        }

        if (LlmResponseFormat is { } format && !LlmJudgeOptions.ResponseFormats.Contains(format, StringComparer.Ordinal))
        {
            return $"--llm-response-format must be one of {string.Join(", ", LlmJudgeOptions.ResponseFormats)} (got '{format}').";
        }

        foreach (var (option, price) in new[] { ("--llm-price-input", LlmPriceInput), ("--llm-price-output", LlmPriceOutput) })
        {
            if (price is { } usd && (!double.IsFinite(usd) || usd < 0 || usd > 1e6))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{option} must be US dollars per million tokens, 0 to 1000000 (got {usd}).");
            }
        }

        if (BudgetUsd is { } budget && (!double.IsFinite(budget) || budget < 0 || budget > (double)decimal.MaxValue))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--budget-usd must be an amount of US dollars, 0 or more (got {budget}).");
        }

        return null;
    }
}
