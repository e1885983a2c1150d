namespace DslRunner.Data;

/// <summary>Where fetched corpora and tokenized data live: $DSLRUNNER_CACHE, else ~/.cache/dslrunner.</summary>
public static class CachePaths
{
    public const string EnvironmentVariable = "DSLRUNNER_CACHE";

    public static string Root
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dslrunner")
                : Path.GetFullPath(configured);
        }
    }
}
