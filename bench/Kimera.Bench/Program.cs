using Kimera.Bench;

return args.FirstOrDefault() switch
{
    "bootstrap" => BootstrapBenchmark.Run(args),
    "embeddings" => EmbeddingBenchmark.Run(args[1..]),
    "int8" => Int8Benchmark.Run(args[1..]),
    "int8-run" => Int8RunBenchmark.Run(args[1..]),
    "int8-matmul" => Int8MatMulBenchmark.Run(args[1..]),
    "int8-profile" => Int8ProfileBenchmark.Run(args[1..]),
    "datasets" => await DatasetReadBenchmark.RunAsync(args),
    "dataset-formats" => await DatasetFormatsBenchmark.RunAsync(args),
    "dataset-formats-child" => await DatasetFormatsBenchmark.ChildAsync(args),
    "llm-throughput" => await LlmThroughputBenchmark.RunAsync(args),
    "pipeline-memory" => PipelineMemoryBenchmark.Run(args),
    "plan-only" => await PipelineMemoryBenchmark.PlanOnlyAsync(args),
    "pipeline-speedup" => await PipelineSpeedupBenchmark.RunAsync(args),
    "orchestration-overhead" => await OrchestrationOverheadBenchmark.RunAsync(args),
    "scale-out" => await ScaleOutBenchmark.RunAsync(args),
    "judge-variants" => JudgeVariantsBenchmark.Run(args[1..]),
    "two-llm-judges" => await TwoLlmJudgesBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark> [options]");
    Console.WriteLine("  bootstrap");
    Console.WriteLine("  embeddings [--texts N] [--reps R] [--batch B] [--threads T] [--spin] [--no-peer]");
    Console.WriteLine("  int8 [--texts N] [--reps R] [--threads T] [--variants all36,w7] [--save-variants DIR]   (int8 unsigned and signed vs fp32 embedder, interleaved)");
    Console.WriteLine("  int8-matmul [--rounds 7] [--threads T]   (one weight product: fp32 MatMul vs int8 with uint8 and int8 weights)");
    Console.WriteLine("  int8-run [--pairs 2000] [--reps 3]   (cold kimera run pairs/s, int8 vs fp32, alternated)");
    Console.WriteLine("  int8-profile [--texts 400] [--threads T]   (ONNX Runtime operator profile of fp32 and int8)");
    Console.WriteLine("  datasets [rows]");
    Console.WriteLine("  dataset-formats [--pairs 100000] [--big 1000000] [--reps 5]   (csv, tsv, jsonl, parquet, jsonl.gz: read rate vs csv, peak memory 100k vs 1M)");
    Console.WriteLine("  llm-throughput [pairs=2000]");
    Console.WriteLine("  pipeline-memory [--sizes 5000,50000] [--plan-rows 1000000] [--skip-runs] [--skip-plan] [--work DIR]");
    Console.WriteLine("  plan-only <dataset> <out dir>   (the Plan stage alone; run as a child by pipeline-memory)");
    Console.WriteLine("  pipeline-speedup [--pairs 2000] [--baseline-pairs N] [--reps 3] [--scaling-reps 1] [--scaling-pairs N]");
    Console.WriteLine("  orchestration-overhead [--chunks 100,2000] [--memory-chunks 100] [--pairs 5000] [--reps 3] [--window 4]");
    Console.WriteLine("  scale-out [--hosts 1,2,4] [--reps 3] [--chunks 32] [--chunk-size 10] [--activities 2] [--latency-ms 300]   (one run on N child hosts, latency-bound LLM chunks)");
    Console.WriteLine("  judge-variants [--pairs 5000] [--reps 2]   (cold kimera run, 1 judge vs 8 Kimera variants, alternated)");
    Console.WriteLine("  two-llm-judges [--pairs 1300]   (two LLM judges on two fake servers at 600 requests/min each)");
    return 2;
}
