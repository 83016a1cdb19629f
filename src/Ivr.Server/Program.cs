using Ivr.Server;

return await IvrCommandLine.RunAsync(args);
