using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Training;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Studies;

/// <summary>A study's arm × seed is bound to its config once: planning, running and measuring it share that binding.</summary>
public sealed class StudyBindingTests
{
    public StudyBindingTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Each_arm_and_seed_of_a_study_is_bound_once_for_planning_running_and_measuring()
    {
        using var folder = new TempFolder();
        var registry = ExperimentRegistry.All.Select(e => new BindingCounter(e)).ToList();
        var plans = StudyPlanner.Plan(TinyStudyStudy.Definition, TinyStudyStudy.Definition.Budget("quick"), registry);
        int planned = registry.Sum(e => e.Bindings);
        Assert.Equal(plans.Count, planned);

        var context = new StudyContext(Path.Combine(folder.Path, "tiny-study"), SilentProgress.Instance);
        var report = new DeclaredStudy(TinyStudyStudy.Definition, registry).Run(context);

        Assert.Contains("0 of 6 runs were reused", report.Sections.Single(s => s.Heading == "Runs").Text);
        // The study plans its arms again (one binding each) and then trains and measures them without binding them anew.
        Assert.Equal(2 * planned, registry.Sum(e => e.Bindings));
    }

    /// <summary>A registry entry that counts how often its declaration is read: each read is one binding of overrides to it.</summary>
    sealed class BindingCounter(IExperiment inner) : IExperiment
    {
        public int Bindings { get; private set; }

        public ExperimentConfig Config => inner.Config;
        public string GeneratedCodeHash => inner.GeneratedCodeHash;

        public string Declaration
        {
            get
            {
                Bindings++;
                return inner.Declaration;
            }
        }

        public LanguageModel BuildModel(int vocabularySize) => inner.BuildModel(vocabularySize);
        public CompositeLoss BuildLoss() => inner.BuildLoss();
        public IReadOnlyList<IDecoder> BuildDecoders() => inner.BuildDecoders();
        public IReadOnlyList<EvalMetric> BuildMetrics() => inner.BuildMetrics();
        public TrainingResult Train(RunContext context) => inner.Train(context);
        public EvaluationResult Evaluate(RunContext context, TrainingResult training) => inner.Evaluate(context, training);
    }
}
