namespace DslRunner.Cli;

/// <summary>What every command needs: the declared experiments and where to write.</summary>
public sealed record CliEnvironment(IReadOnlyList<IExperiment> Experiments, TextWriter Output, TextWriter Error)
{
    public IExperiment? Find(string name) => Experiments.FirstOrDefault(e => e.Config.Name == name);

    /// <summary>The experiment, or with <paramref name="variant"/> its variant (<c>name.variant</c>) or sweep point (<c>name@key=value</c>).</summary>
    public IExperiment Resolve(string name, string? variant)
    {
        if (variant is null)
            return Find(name) ?? throw new UsageException(NoExperiment(name));
        var found = Find(name + "." + variant) ?? Find(name + "@" + variant);
        if (found is not null) return found;
        var known = DerivedOf(name).Select(e => e.Config.Name[(name.Length + 1)..]).ToList();
        throw new UsageException(known.Count == 0
            ? $"'{name}' has no variants or sweep points"
            : $"'{name}' has no variant or sweep point '{variant}'{Generator.Binding.DidYouMean.Suffix(variant, known)} (it has: {string.Join(", ", known)})");
    }

    /// <summary>
    /// The experiment a recorded run was made from: the declared one, or — for a run with <c>--set</c> overrides —
    /// one rebuilt from the manifest's resolved config.
    /// </summary>
    public IExperiment ForRun(Runs.RunManifest manifest)
    {
        if (manifest.Overrides.Count > 0)
        {
            var declared = Find(manifest.Experiment);
            if (!Runs.ConfiguredExperiment.CanBuild(manifest.Config, declared?.Config))
                throw new UsageException(declared is null
                    ? $"the run used --set on '{manifest.Experiment}', which is no longer declared and has C# components only its generated code can build"
                    : $"the run used --set on '{manifest.Experiment}', whose C# loss terms, decoders or metrics are no longer the ones the run was made with");
            return new Runs.ConfiguredExperiment(manifest.Config, declared?.GeneratedCodeHash ?? "", declared);
        }
        return Find(manifest.Experiment) ?? throw new UsageException($"the run's experiment '{manifest.Experiment}' is no longer declared");
    }

    /// <summary>The experiment itself, or one built from its declaration with the overrides applied.</summary>
    /// <exception cref="UsageException">An override the declaration's rules refuse, or an experiment that cannot be rebuilt.</exception>
    public IExperiment WithOverrides(IExperiment experiment, IReadOnlyList<string> overrides)
    {
        try
        {
            var configured = Runs.ConfiguredExperiment.WithOverrides(experiment, overrides);
            if (configured is Runs.ConfiguredExperiment { Warnings: { Count: > 0 } warnings })
                foreach (string warning in warnings) Error.WriteLine("warning: " + warning);
            return configured;
        }
        catch (Runs.InvalidOverrideException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The variants and sweep points declared with an experiment, in registry order.</summary>
    public IReadOnlyList<IExperiment> DerivedOf(string name) =>
        [.. Experiments.Where(e => e.Config.Name.Length > name.Length + 1 && e.Config.Name.StartsWith(name, StringComparison.Ordinal)
                                   && e.Config.Name[name.Length] is '.' or '@' && Find(name) is not null)];

    /// <summary>Experiments that are not a variant or sweep point of another.</summary>
    public IReadOnlyList<IExperiment> BaseExperiments() =>
        [.. Experiments.Where(e => !Experiments.Any(other => other != e && DerivedOf(other.Config.Name).Contains(e)))];

    public string KnownNames() => string.Join(", ", Experiments.Select(e => e.Config.Name).Order(StringComparer.Ordinal));

    /// <summary>"no experiment named 'x'; did you mean 'y'? ('list' shows all N)": the closest name, never the whole list.</summary>
    public string NoExperiment(string name) => NotFound("experiment", name, Experiments.Select(e => e.Config.Name).ToList(), "list");

    /// <summary>One line for a name nobody declared: the closest known name if one is close, and where to see them all.</summary>
    public static string NotFound(string what, string name, IReadOnlyCollection<string> known, string listCommand) =>
        $"no {what} named '{name}'{Generator.Binding.DidYouMean.Suffix(name, known)} ('{listCommand}' shows all {known.Count})";
}

/// <summary>A mistake on the command line; reported as one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
