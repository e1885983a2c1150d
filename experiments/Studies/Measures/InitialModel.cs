using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// The run's model as it was before its first step: seeded as the run was seeded and built with the same config. Data
/// preparation draws nothing from libtorch's generator, so building right after seeding gives the run's initial weights
/// (seed000-logit-mean's mechanism check on SGD's fixed mean output vector would fail if it did not).
/// </summary>
static class InitialModel
{
    public static LanguageModel Build(MeasureInput input)
    {
        TorchRuntime.Configure(input.Config.Train.Threads, input.Config.Seed);
        return input.Config.Model.Build(input.Model.VocabularySize);
    }
}
