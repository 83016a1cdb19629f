using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Ivr.Benchmarks.ParserBenchmarks).Assembly).Run(args);
