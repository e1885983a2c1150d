using DslRunner.RunFiles;

namespace DslRunner.Tests.Architecture;

/// <summary>
/// The runtime's namespaces in layers whose dependencies point one way: the files a run writes, below the core of
/// machine learning, below the orchestration of runs, sweeps and studies, below the command line.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Each layer, lowest first, with the namespaces in it; a namespace may use its own layer and those below.</summary>
    static readonly (string Layer, string[] Namespaces)[] Layers =
    [
        ("run files", ["DslRunner.RunFiles"]),
        ("core ML", [
            "DslRunner", "DslRunner.Config", "DslRunner.Data", "DslRunner.Data.Corpora", "DslRunner.Tokenizers", "DslRunner.Models",
            "DslRunner.Losses", "DslRunner.Decoding", "DslRunner.Training", "DslRunner.Training.Measures", "DslRunner.Training.Optimizers", "DslRunner.Geometry",
            "DslRunner.Native", "DslRunner.Sparsity", "DslRunner.Statistics",
        ]),
        ("runs", ["DslRunner.Runs"]),
        ("sweeps", ["DslRunner.Sweeps"]),
        ("studies", ["DslRunner.Studies"]),
        ("command line", ["DslRunner.Cli", "DslRunner.Cli.Commands"]),
    ];

    static readonly IReadOnlyList<NamespaceDependencies.Use> Uses = NamespaceDependencies.Of(typeof(AtomicFile).Assembly);

    static int LayerOf(string ns) => Array.FindIndex(Layers, layer => layer.Namespaces.Contains(ns));

    [Fact]
    public void Every_namespace_of_the_runtime_has_a_layer()
    {
        var namespaces = typeof(AtomicFile).Assembly.GetTypes()
            .Select(t => t.Namespace).OfType<string>().Where(ns => ns.StartsWith("DslRunner", StringComparison.Ordinal)).Distinct();

        var unplaced = namespaces.Where(ns => LayerOf(ns) < 0).ToList();
        Assert.True(unplaced.Count == 0, "namespaces in no layer: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void No_namespace_of_the_runtime_uses_one_in_a_layer_above_it()
    {
        var upward = Uses
            .Where(u => u.From.StartsWith("DslRunner", StringComparison.Ordinal) && u.To.StartsWith("DslRunner", StringComparison.Ordinal))
            .Where(u => LayerOf(u.To) > LayerOf(u.From))
            .Select(u => $"{u.From} ({Layers[LayerOf(u.From)].Layer}) uses {u.To} ({Layers[LayerOf(u.To)].Layer}): {u.User} uses {u.Used}")
            .ToList();

        Assert.True(upward.Count == 0, "dependencies that point upward:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void The_reader_sees_uses_in_signatures_and_in_method_bodies()
    {
        // PointRunner's signatures name no type of Runs but its body calls the experiment runner; the sweep command
        // names the sweep engine only inside its methods.
        Assert.Contains(Uses, u => u is { From: "DslRunner.Sweeps", To: "DslRunner.Runs", User: "DslRunner.Sweeps.PointRunner" });
        Assert.Contains(Uses, u => u is { From: "DslRunner.Cli.Commands", To: "DslRunner.Sweeps", User: "DslRunner.Cli.Commands.SweepCommand", Used: "DslRunner.Sweeps.SweepEngine" });
    }
}
