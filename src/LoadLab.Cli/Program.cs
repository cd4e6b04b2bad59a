using LoadLab.Cli;

return await LoadLabApp.RunAsync(args);
