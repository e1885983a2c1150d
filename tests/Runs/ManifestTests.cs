using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Hardening.Probes;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Runs;

/// <summary>
/// The manifest records the source revision and whether it was dirty, the thread count, the machine and the library
/// versions, each checked against a source other than the code that wrote it. Fields other issues add are ignored.
/// </summary>
public sealed class ManifestTests
{
    static readonly ExperimentConfig Short = TestExperiment.Tiny(seed: 8, steps: 4);

    static readonly IExperiment OneThread = new TestExperiment(Short);

    static readonly IExperiment TwoThreads = new TestExperiment(Short with { Train = Short.Train with { Threads = 2 } });

    [Fact]
    public void The_manifest_records_the_git_commit_and_whether_tracked_files_were_dirty()
    {
        using var repository = new TempFolder();
        using var runs = new TempFolder();
        Git(repository.Path, "init", "--quiet");
        File.WriteAllText(Path.Combine(repository.Path, "tracked.txt"), "one\n");
        Git(repository.Path, "add", "tracked.txt");
        Git(repository.Path, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "first");
        string head = Git(repository.Path, "rev-parse", "HEAD").Trim();

        var clean = RunIn(OneThread, repository.Path, runs.Path);
        File.WriteAllText(Path.Combine(repository.Path, "tracked.txt"), "two\n");
        var dirty = RunIn(OneThread, repository.Path, runs.Path);

        Assert.Matches("^[0-9a-f]{40}$", head);
        Assert.Equal(new GitInfo(head, Dirty: false), clean.Git);
        Assert.Equal(new GitInfo(head, Dirty: true), dirty.Git);
    }

    [Fact]
    public void The_manifest_records_threads_machine_and_library_versions()
    {
        using var runs = new TempFolder();
        var manifest = RunIn(TwoThreads, Directory.GetCurrentDirectory(), runs.Path);

        Assert.Equal(2, manifest.Threads);
        Assert.Equal(8, manifest.Seed);
        Assert.Equal(Environment.ProcessorCount, manifest.Machine.LogicalCores);
        Assert.Equal(RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), manifest.Machine.Architecture);
        Assert.Equal(RuntimeInformation.FrameworkDescription, manifest.Machine.DotNet);
        if (File.Exists("/proc/cpuinfo"))
            Assert.Equal(File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name", StringComparison.Ordinal)).Split(':', 2)[1].Trim(),
                manifest.Machine.Cpu);
        // The versions the build resolved (tests/obj/project.assets.json), not what the runtime reports about itself.
        string assets = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests", "obj", "project.assets.json"));
        string torchSharp = Regex.Match(assets, "\"TorchSharp/([0-9.]+)\"").Groups[1].Value;
        string libTorch = Regex.Match(assets, "\"libtorch-cpu-[a-z0-9-]+/([0-9]+\\.[0-9]+\\.[0-9]+)").Groups[1].Value;
        Assert.NotEmpty(torchSharp);
        Assert.NotEmpty(libTorch);
        Assert.StartsWith(torchSharp, manifest.Machine.TorchSharp);
        Assert.StartsWith(libTorch, manifest.Machine.LibTorch);
    }

    /// <summary>Runs <paramref name="experiment"/> through the command line from <paramref name="workingDirectory"/>.</summary>
    static RunManifest RunIn(IExperiment experiment, string workingDirectory, string runsRoot)
    {
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(workingDirectory);
        try
        {
            var error = new StringWriter();
            int exit = DslRunnerCli.Run(["run", "tiny", "--runs", runsRoot], [experiment], TextWriter.Null, error);
            Assert.True(exit == ExitCodes.Ok, error.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
        return RunManifest.Read(RunLocator.Find("tiny", runsRoot));
    }

    static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var (exit, output, error) = ChildProcess.Run(start, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
