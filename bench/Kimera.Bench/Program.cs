using Kimera.Bench;

return args.FirstOrDefault() switch
{
    "bootstrap" => BootstrapBenchmark.Run(args),
    "embeddings" => EmbeddingBenchmark.Run(args[1..]),
    "datasets" => await DatasetReadBenchmark.RunAsync(args),
    "llm-throughput" => await LlmThroughputBenchmark.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark> [options]");
    Console.WriteLine("  bootstrap");
    Console.WriteLine("  embeddings [--texts N] [--reps R] [--batch B] [--threads T] [--no-peer]");
    Console.WriteLine("  datasets [rows]");
    Console.WriteLine("  llm-throughput [pairs=2000]");
    return 2;
}
