using System.Diagnostics;

namespace DslRunner.Runs;

/// <summary>The source revision a run was made from, when the working directory is inside a git repository.</summary>
/// <param name="Commit">HEAD's full hash.</param>
/// <param name="Dirty">Whether tracked files had uncommitted changes.</param>
public sealed record GitInfo(string Commit, bool Dirty)
{
    /// <summary>Reads HEAD and the dirty flag; null when git is missing or this is not a repository.</summary>
    public static GitInfo? Current(string directory)
    {
        string? commit = Git(directory, "rev-parse HEAD");
        if (commit is null) return null;
        string? status = Git(directory, "status --porcelain --untracked-files=no");
        return new GitInfo(commit.Trim(), !string.IsNullOrWhiteSpace(status));
    }

    static string? Git(string directory, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000)) { process.Kill(); return null; }
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
