using GoldenThread.Cli;

await using var terminal = Terminal.FromConsole();
return await CommandLine.RunAsync(args, terminal);
