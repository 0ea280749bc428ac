using Kimera.Bench;

return args.FirstOrDefault() switch
{
    "embeddings" => EmbeddingBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark>");
    Console.WriteLine("  embeddings [--texts N] [--reps R] [--batch B] [--threads T]");
    return 2;
}
