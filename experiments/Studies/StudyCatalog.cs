using DslRunner.Studies;

namespace DslRunner.Experiments.Studies;

/// <summary>Every study the command line can run, one per seed claim.</summary>
public static class StudyCatalog
{
    public static IReadOnlyList<IStudy> All { get; } =
    [
        new CapacityStudy(), new LogitMeanStudy(), new DependencyLengthStudy(), new DecodersStudy(), new TokenizersStudy(), new Gpt2SmallStudy(),
    ];
}
