using DslRunner.Review;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Review;

/// <summary>
/// <c>review</c> over scripted commits: each kind of change pinned as the Markdown comment a pull request would get.
/// </summary>
public sealed class ReviewTests(ReviewScenarios scenarios) : IClassFixture<ReviewScenarios>, IDeclaresSnapshots
{
    static readonly string[] ScenarioNames =
        ["direct-key-edit", "base-file-edit", "rename", "added-variant", "new-sweep-value", "csharp-edit", "added-experiment", "added-study", "study-edit"];

    public static TheoryData<string> Scenarios => [.. ScenarioNames];

    public static IEnumerable<string> SnapshotNames() => ScenarioNames.Select(SnapshotName);

    static string SnapshotName(string scenario) => $"Review/{scenario}.verified.md";

    ReviewReport Review(string baseRevision, string? head) => ReviewCommand.Run(scenarios.Repository.Root, baseRevision, head, runs: null);

    ReviewReport Step(string name) => Review(scenarios.Steps[name].Base, scenarios.Steps[name].Head);

    /// <summary>The generator's version changes with every commit of this repository; the snapshots must not.</summary>
    internal static string Pinned(string markdown) => markdown.Replace(ReviewCommand.GeneratorVersion, "DslRunner.Generator (version)");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_kind_of_change_is_pinned_as_its_markdown_comment(string scenario)
    {
        Snapshot.Match(Pinned(ReviewRenderer.Markdown(Step(scenario))), SnapshotName(scenario));
    }

    [Fact]
    public void A_direct_key_edit_shows_only_that_key_and_its_generated_code()
    {
        var change = Assert.Single(Step("direct-key-edit").Changes);

        Assert.Equal(("solo", ChangeKind.Changed), (change.Name, change.Kind));
        var key = Assert.Single(change.Keys);
        Assert.Equal(new KeyChange("train.steps", "100", "200", null), key);
        Assert.Contains("-        Steps: 100,", change.CodeDiff);
        Assert.Contains("+        Steps: 200,", change.CodeDiff);
    }

    [Fact]
    public void An_edit_to_a_base_file_changes_every_child_through_that_file()
    {
        var report = Step("base-file-edit");

        Assert.Equal(["tiny-alpha", "tiny-beta", "tiny-gamma"], report.Changes.Select(c => c.Name));
        Assert.All(report.Changes, change => Assert.Equal(
            new KeyChange("model.d_model", "32", "64", ReviewScenarios.Base), Assert.Single(change.Keys)));
        var inherited = Assert.Single(report.Inherited);
        Assert.Equal(ReviewScenarios.Base, inherited.File);
        Assert.Equal(["tiny-alpha", "tiny-beta", "tiny-gamma"], inherited.Experiments);
        Assert.Contains("| `model.d_model` | `32` | `64` | `tiny.base.experiment.yaml` |", ReviewRenderer.Markdown(report));
    }

    [Fact]
    public void A_new_name_on_the_same_content_is_a_rename_not_a_removal_and_an_addition()
    {
        var change = Assert.Single(Step("rename").Changes);

        Assert.Equal((ChangeKind.Renamed, "tiny-delta", "tiny-gamma"), (change.Kind, change.Name, change.OldName));
        Assert.Empty(change.Keys);
    }

    [Fact]
    public void An_added_variant_and_a_new_sweep_value_are_listed_as_added_experiments()
    {
        var variant = Assert.Single(Step("added-variant").Changes);
        var sweep = Assert.Single(Step("new-sweep-value").Changes);

        Assert.Equal(["solo.wide"], variant.DerivedAdded);
        Assert.Empty(variant.Keys);
        Assert.Equal(["solo@lr=0.01"], sweep.DerivedAdded);
        Assert.Empty(sweep.DerivedRemoved);
    }

    [Fact]
    public void An_attributed_csharp_experiment_is_read_from_syntax_at_both_revisions()
    {
        var change = Assert.Single(Step("csharp-edit").Changes);

        Assert.Equal("cs-lab", change.Name);
        Assert.Equal(new KeyChange("train.steps", "100", "150", null), Assert.Single(change.Keys));
        Assert.Equal(["cs-lab@d_model=32", "cs-lab@d_model=64"], change.Head!.Derived.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("global::Lab.Declared.SmallPenalty", change.Head.Keys["loss.custom"].Text);
    }

    [Fact]
    public void A_head_that_does_not_build_shows_its_diagnostics_with_file_line_and_column()
    {
        var report = Review(scenarios.Last, head: null);
        string markdown = Pinned(ReviewRenderer.Markdown(report));

        var change = Assert.Single(report.Changes);
        Assert.Equal(("solo", false), (change.Name, change.Head!.Builds));
        var problem = Assert.Single(report.Head.Diagnostics);
        Assert.Equal("experiments/solo.experiment.yaml(6,37): error DSL0004: 'model.layers' expects an integer, found 'two'", problem.ToString());
        Assert.Contains("**Head does not build**", markdown);
        Snapshot.Match(markdown, "Review/head-with-diagnostic.verified.md");
    }

    [Fact]
    public void An_added_experiment_shows_its_resolved_config_and_its_sweep_points()
    {
        string markdown = ReviewRenderer.Markdown(Step("added-experiment"));

        Assert.Contains("Resolved config:", markdown);
        Assert.Contains("| `train.steps` | `10` |", markdown);
        Assert.Contains("| `tiny-epsilon@batch=8` | `train.batch = 8` |", markdown);
    }

    [Fact]
    public void Study_files_added_and_changed_are_reported_part_by_part()
    {
        var added = Step("added-study");
        var edited = Step("study-edit");

        var study = Assert.Single(added.Studies);
        Assert.Equal(ChangeKind.Added, study.Kind);
        Assert.Contains("arm short: tiny-alpha with data.seed=1, train.steps=5", study.Lines);
        Assert.Contains(study.Lines, line => line.StartsWith("claim longer-is-better (finding): ", StringComparison.Ordinal));
        Assert.Contains(study.Lines, line => line.StartsWith("control alpha-learns: ", StringComparison.Ordinal));
        Assert.Contains("budget quick:", study.Lines);
        var change = Assert.Single(edited.Studies);
        Assert.Equal(ChangeKind.Changed, change.Kind);
        Assert.Contains("- arm short: tiny-alpha with data.seed=1, train.steps=5", change.Lines);
        Assert.Contains("+ arm short: tiny-alpha with data.seed=1, train.steps=4", change.Lines);
        Assert.Contains(change.Lines, line => line.StartsWith("+ claim longer-is-better (mechanism): ", StringComparison.Ordinal));
        Assert.Contains("+ budget full: seeds 1, 2, 3 with train.steps=20; arm short with train.steps=8 (a minute)", change.Lines);
        Assert.Contains("### Studies", ReviewRenderer.Markdown(edited));
        Assert.Contains("study tiny-compare: changed", ReviewRenderer.Text(edited));
    }

    [Fact]
    public void No_change_between_two_revisions_says_so()
    {
        var report = Review(scenarios.Last, scenarios.Last);

        Assert.False(report.AnythingChanged);
        Assert.Contains("No experiment changed.", ReviewRenderer.Markdown(report));
    }
}
