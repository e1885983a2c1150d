using System.Runtime.CompilerServices;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// The packaged snapshot helper (<see cref="DslRunner.Testing.Snapshot"/>, what studies use too) with this repository's
/// folders: snapshots live under <c>tests/Snapshots/</c>.
/// </summary>
public static class Snapshot
{
    public static string Directory([CallerFilePath] string callerPath = "") => global::DslRunner.Testing.Snapshot.Folder(callerPath);

    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "") =>
        global::DslRunner.Testing.Snapshot.Match(actual, name, callerPath);

    /// <summary>The repository root (the folder above tests/).</summary>
    public static string RepositoryRoot([CallerFilePath] string callerPath = "") =>
        Path.GetDirectoryName(Testing.Snapshot.ProjectFolder(callerPath))!;
}
