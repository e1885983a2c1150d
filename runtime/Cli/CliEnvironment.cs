namespace DslRunner.Cli;

/// <summary>What every command needs: the declared experiments and where to write.</summary>
public sealed record CliEnvironment(IReadOnlyList<IExperiment> Experiments, TextWriter Output, TextWriter Error)
{
    public IExperiment? Find(string name) => Experiments.FirstOrDefault(e => e.Config.Name == name);

    public string KnownNames() => string.Join(", ", Experiments.Select(e => e.Config.Name).Order(StringComparer.Ordinal));
}

/// <summary>A mistake on the command line; reported as one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
