namespace DslRunner.Studies;

/// <summary>Runs the arms × seeds of a study; the in-process launcher runs them one after another in this process.</summary>
public interface IArmLauncher
{
    IReadOnlyList<ArmResult> Run(IReadOnlyList<ArmPlan> plans, StudyDefinition study, StudyContext context);
}
