namespace DslRunner.Tests.Hardening.Probes;

/// <summary>Finds the repository from a build output, for probes that read its experiment files or start its host.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "DslRunner.sln"))) return folder.FullName;
            throw new DirectoryNotFoundException($"no DslRunner.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>The non-abstract experiment files of the repository: the seeds that mutations start from.</summary>
    public static string[] ExperimentSeeds() =>
        [.. Directory.GetFiles(Path.Combine(Root, "experiments"), "*.experiment.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "Generator", "Declarations"), "*.experiment.yaml"))
            .Select(File.ReadAllText)
            .Where(text => !text.Contains("abstract: true", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
