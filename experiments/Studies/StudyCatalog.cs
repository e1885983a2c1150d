using DslRunner.Studies;

namespace DslRunner.Experiments.Studies;

/// <summary>Every study the command line can run: the declared ones (<c>*.study.yaml</c> files and <c>[Study]</c> classes).</summary>
public static class StudyCatalog
{
    public static IReadOnlyList<IStudy> All { get; } =
    [
        .. StudyRegistry.All.Select(definition => new DeclaredStudy(definition, ExperimentRegistry.All)),
    ];
}
