namespace DslRunner.Tests.Infrastructure;

public static class Executables
{
    /// <summary>Whether an executable file named <paramref name="name"/> is in a folder on PATH.</summary>
    public static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, name)));
}
