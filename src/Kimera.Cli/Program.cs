using Kimera.Cli;

return await KimeraApp.RunAsync(args);
