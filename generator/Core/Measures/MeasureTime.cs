namespace DslRunner.Generator.Measures;

/// <summary>When a measure takes its figures.</summary>
public enum MeasureTime
{
    /// <summary>At every evaluation, on the validation split during training and on the test split at the end.</summary>
    Evaluation,
    /// <summary>Once, on the trained model, into the test record.</summary>
    EndOfTraining,
    /// <summary>By a study, once per run, from the finished run (its checkpoint and data): a <c>[StudyMeasure]</c>.</summary>
    FinishedRun,
}
