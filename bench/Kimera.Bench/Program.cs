using Kimera.Bench;

return args.FirstOrDefault() switch
{
    "bootstrap" => BootstrapBenchmark.Run(args),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark>   (benchmarks: bootstrap)");
    return 2;
}
