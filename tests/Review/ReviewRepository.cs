using System.Diagnostics;

namespace DslRunner.Tests.Review;

/// <summary>
/// A temporary git repository shaped like this one (experiments/ with YAML and attributed C#), built by scripted
/// commits with fixed authors and dates, so every commit hash — and so every snapshot — is the same on every run.
/// </summary>
public sealed class ReviewRepository : IDisposable
{
    readonly Infrastructure.TempFolder folder = new();
    int commits;

    public string Root => folder.Path;

    public void Write(string path, string text)
    {
        string full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
    }

    /// <summary>Replaces text in a file, failing when it is not there (a scripted edit that silently missed would test nothing).</summary>
    public void Edit(string path, string before, string after)
    {
        string full = Path.Combine(Root, path);
        string text = File.ReadAllText(full);
        if (!text.Contains(before, StringComparison.Ordinal)) throw new InvalidOperationException($"'{before}' is not in {path}");
        File.WriteAllText(full, text.Replace(before, after, StringComparison.Ordinal));
    }

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    /// <summary>Commits everything and returns the commit's full hash.</summary>
    public string Commit(string message)
    {
        if (commits == 0) Git("init", "--quiet", "--initial-branch=main");
        commits++;
        Git("add", "--all");
        string date = $"2026-01-01T00:{commits:00}:00Z";
        Git(new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date },
            "-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.org", "-c", "commit.gpgsign=false",
            "commit", "--quiet", "--no-verify", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments) => Git(new Dictionary<string, string>(), arguments);

    string Git(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new TimeoutException($"git {string.Join(' ', arguments)} did not exit within 2 minutes and was killed");
        }
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error.Result}");
        return output.Result;
    }

    public void Dispose() => folder.Dispose();
}
