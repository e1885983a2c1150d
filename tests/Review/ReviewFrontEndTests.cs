using DslRunner.Review;
using DslRunner.Tests.Generator;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Review;

/// <summary>What review emits for a revision is what the build generates: same stages, same code.</summary>
public sealed class ReviewFrontEndTests(ReviewScenarios scenarios) : IClassFixture<ReviewScenarios>
{
    [Fact]
    public void This_repository_s_experiments_are_emitted_exactly_as_the_pinned_generated_sources()
    {
        var head = ReviewCommand.Run(Snapshot.RepositoryRoot(), "HEAD", null, runs: null).Head;

        Assert.NotEmpty(head.Experiments);
        Assert.Empty(head.Diagnostics);
        foreach (var experiment in head.Experiments)
        {
            string pinned = Path.Combine(Snapshot.Directory(), "Generator", experiment.GeneratedFile.Replace(".g.cs", ".g.verified.txt"));
            Assert.True(File.Exists(pinned), $"{experiment.Name}: no pinned source {pinned}");
            Assert.Equal(File.ReadAllText(pinned).ReplaceLineEndings("\n"), experiment.Code!.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void An_attributed_class_read_from_syntax_is_emitted_as_the_compiler_s_front_end_emits_it()
    {
        string source = File.ReadAllText(Path.Combine(scenarios.Repository.Root, ReviewScenarios.CSharp));
        var built = GeneratorHarness.RunWithNamedSources([], [(ReviewScenarios.CSharp, source)]);
        var reviewed = ReviewCommand.Run(scenarios.Repository.Root, "HEAD", "HEAD", runs: null).Head.Experiments.Single(e => e.Name == "cs-lab");

        Assert.Empty(built.Diagnostics.Where(d => d.Id.StartsWith("DSL", StringComparison.Ordinal)));
        var generated = built.GeneratedSources.Single(s => s.HintName == reviewed.GeneratedFile);
        Assert.Equal(generated.SourceText.ToString(), reviewed.Code);
    }
}
