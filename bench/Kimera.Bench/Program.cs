using Kimera.Bench;

return args.FirstOrDefault() switch
{
    "llm-throughput" => await LlmThroughputBenchmark.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark>");
    Console.WriteLine("benchmarks: llm-throughput [pairs=2000]");
    return 2;
}
