using Kimera.Bench;

return args.FirstOrDefault() switch
{
    "datasets" => await DatasetReadBenchmark.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark>   (datasets [rows])");
    return 2;
}
