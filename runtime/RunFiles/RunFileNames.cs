namespace DslRunner.RunFiles;

/// <summary>The names of the files a run writes into its folder, for whatever writes or reads them.</summary>
public static class RunFileNames
{
    /// <summary>The resolved config, as the run ran it.</summary>
    public const string Config = "config.json";

    /// <summary>Every logged metric, one JSON record a line.</summary>
    public const string Metrics = "metrics.jsonl";

    /// <summary>The run's summary in Markdown.</summary>
    public const string Summary = "summary.md";
}
