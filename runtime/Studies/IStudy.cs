namespace DslRunner.Studies;

/// <summary>
/// One seed claim turned into experiments and a verdict: runs the declared experiments, measures what the
/// claim is about and says whether it held at the scale it ran.
/// </summary>
public interface IStudy
{
    /// <summary>The name the command line knows it by, e.g. <c>seed000-capacity</c>.</summary>
    string Name { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>Runs the experiments into <see cref="StudyContext.Folder"/> and returns the report to write.</summary>
    StudyReport Run(StudyContext context);
}
