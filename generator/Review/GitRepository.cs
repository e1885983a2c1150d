using System.Diagnostics;
using System.Text;

namespace DslRunner.Review;

/// <summary>A file of a revision: its path relative to the repository root (forward slashes) and its text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>Reads files at a git revision, or from the working tree, by running git.</summary>
public sealed class GitRepository(string root)
{
    public string Root { get; } = root;

    /// <summary>The repository that holds <paramref name="directory"/>.</summary>
    /// <exception cref="ReviewUsageException">Not inside a git repository, or git is missing.</exception>
    public static GitRepository Find(string directory)
    {
        string? top = TryRun(directory, ["rev-parse", "--show-toplevel"], out string error);
        if (top is null) throw new ReviewUsageException($"{directory} is not inside a git repository ({error.Trim()})");
        return new GitRepository(top.Trim());
    }

    /// <summary>The full commit hash a revision names.</summary>
    /// <exception cref="ReviewUsageException">The revision names no commit.</exception>
    public string Commit(string revision) =>
        TryRun(Root, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], out _)?.Trim()
        ?? throw new ReviewUsageException($"'{revision}' is not a commit of {Root} (git rev-parse found nothing)");

    /// <summary>Files under <paramref name="folder"/> at a commit whose name passes the filter, read in one git process.</summary>
    public IReadOnlyList<SourceFile> ReadAt(string commit, string folder, Func<string, bool> wanted)
    {
        string listing = Run(["ls-tree", "-r", "-z", "--name-only", commit, "--", folder]);
        var paths = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(wanted).ToList();
        if (paths.Count == 0) return [];
        var start = Start(["cat-file", "--batch"]);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        var reading = Task.Run(() => ReadBatch(process.StandardOutput.BaseStream, paths));
        foreach (string path in paths) process.StandardInput.Write($"{commit}:{path}\n");
        process.StandardInput.Close();
        var files = reading.GetAwaiter().GetResult();
        process.WaitForExit();
        return files;
    }

    /// <summary>Tracked and untracked (not ignored) files under <paramref name="folder"/> as they are on disk.</summary>
    public IReadOnlyList<SourceFile> ReadWorkingTree(string folder, Func<string, bool> wanted)
    {
        string listing = Run(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", folder]);
        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(wanted)
            .Distinct()
            .Select(path => (Path: path, Full: System.IO.Path.Combine(Root, path)))
            .Where(file => File.Exists(file.Full))
            .Select(file => new SourceFile(file.Path, File.ReadAllText(file.Full)))
            .ToList();
    }

    static List<SourceFile> ReadBatch(Stream output, List<string> paths)
    {
        var files = new List<SourceFile>(paths.Count);
        var reader = new BufferedStream(output);
        foreach (string path in paths)
        {
            string header = ReadLine(reader);
            var parts = header.Split(' ');
            if (parts.Length < 3 || parts[1] != "blob") continue;
            int size = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            var content = new byte[size];
            int read = 0;
            while (read < size)
            {
                int n = reader.Read(content, read, size - read);
                if (n == 0) throw new InvalidDataException("git cat-file ended early");
                read += n;
            }
            reader.ReadByte(); // the newline after each object
            files.Add(new SourceFile(path, new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF')));
        }
        return files;
    }

    static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        for (int b = stream.ReadByte(); b >= 0 && b != '\n'; b = stream.ReadByte()) bytes.Add((byte)b);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    string Run(IReadOnlyList<string> arguments) =>
        TryRun(Root, arguments, out string error) ?? throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Trim()}");

    ProcessStartInfo Start(IReadOnlyList<string> arguments) => Start(Root, arguments);

    static ProcessStartInfo Start(string directory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.quotepath=off");
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    static string? TryRun(string directory, IReadOnlyList<string> arguments, out string error)
    {
        try
        {
            var start = Start(directory, arguments);
            using var process = Process.Start(start);
            if (process is null) { error = "git could not be started"; return null; }
            process.StandardInput.Close();
            var errorTask = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            error = errorTask.GetAwaiter().GetResult();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = "git is not installed: " + e.Message;
            return null;
        }
    }
}

/// <summary>The command line named something that does not exist (a revision, a repository).</summary>
public sealed class ReviewUsageException(string message) : Exception(message);
