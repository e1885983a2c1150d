using System.Text.RegularExpressions;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Docs;

/// <summary>The README's architecture tree names exactly the runtime's folders and the repository's top-level folders.</summary>
public sealed class ArchitectureDocsTests
{
    static readonly string Root = Snapshot.RepositoryRoot();

    /// <summary>The fenced block under "## Architecture".</summary>
    static string[] Tree()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        int heading = readme.IndexOf("\n## Architecture\n", StringComparison.Ordinal);
        Assert.True(heading >= 0, "README.md has no '## Architecture' section");
        int open = readme.IndexOf("```\n", heading, StringComparison.Ordinal) + 4;
        int close = readme.IndexOf("\n```", open, StringComparison.Ordinal);
        return readme[open..close].Split('\n');
    }

    static IEnumerable<string> FoldersOn(string path) =>
        Directory.GetDirectories(path).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj" or "TestResults") && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_tree_names_every_runtime_folder_and_no_other()
    {
        var tree = Tree();
        int start = Array.FindIndex(tree, line => line.StartsWith("runtime/", StringComparison.Ordinal));
        Assert.True(start >= 0, "the architecture tree has no runtime/ entry");
        // The runtime's entries: indented two spaces, up to the next top-level line.
        var listed = tree.Skip(start + 1).TakeWhile(line => line.StartsWith(' '))
            .Select(line => Regex.Match(line, @"^  ([A-Za-z][\w.]*)/\s")).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(FoldersOn(Path.Combine(Root, "runtime")), listed);
    }

    [Fact]
    public void The_tree_names_every_top_level_folder()
    {
        var listed = Tree().Select(line => Regex.Match(line, @"^([A-Za-z][\w.]*)/\s")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(FoldersOn(Root).Where(name => name != "runs").ToHashSet(), listed);
    }
}
