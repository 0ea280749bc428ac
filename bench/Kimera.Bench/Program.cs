Console.WriteLine("usage: dotnet run -c Release --project bench/Kimera.Bench -- <benchmark>");
return 2;
