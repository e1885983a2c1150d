using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using DslRunner.Generator;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Yaml;

namespace DslRunner.Review;

/// <summary>
/// <c>review &lt;base&gt; [&lt;head&gt;]</c>: the experiments of <c>experiments/</c> at two git revisions (head: the
/// working tree when omitted), both read, resolved and emitted by this checkout's generator, then compared.
/// </summary>
public static class ReviewCommand
{
    /// <summary>The project whose experiments are reviewed (the repository's fixed layout).</summary>
    public const string Project = "experiments";

    public const string WorkingTree = "working tree";

    /// <param name="runsFromRoot">Given a runs folder, finds the run matching a side (the dslrunner executable, which has
    /// the runtime, passes one and gets a <c>--runs</c> option); null: run folders are not read.</param>
    public static Command Create(Func<string, RunLookup>? runsFromRoot = null)
    {
        var baseRevision = new Argument<string>("base") { Description = "The revision the change starts from (a commit, branch or tag)." };
        var headRevision = new Argument<string?>("head")
        {
            Description = "The revision with the change; the working tree when omitted.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var markdown = new Option<bool>("--markdown") { Description = "One Markdown comment for a pull request: a summary table, details collapsed." };
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 1 when any experiment changed (for CI gates)." };
        var repository = new Option<string>("--repo")
        {
            Description = "A folder inside the git repository to review.",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("review", "Compare the experiments at two git revisions: keys, variants, generated code, diagnostics, metrics.")
        {
            baseRevision, headRevision, markdown, exitCode, repository,
        };
        Option<string>? runs = null;
        if (runsFromRoot is not null)
        {
            runs = new Option<string>("--runs") { Description = "Folder that holds the run folders.", DefaultValueFactory = _ => "runs" };
            command.Options.Add(runs);
        }
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var lookup = runs is null ? null : runsFromRoot!(parse.GetValue(runs)!);
                var report = Run(parse.GetValue(repository)!, parse.GetValue(baseRevision)!, parse.GetValue(headRevision), lookup);
                output.Write(parse.GetValue(markdown) ? ReviewRenderer.Markdown(report) : ReviewRenderer.Text(report));
                return parse.GetValue(exitCode) && report.AnythingChanged ? 1 : 0;
            }
            catch (ReviewUsageException e)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>The command as a program of its own (no run folders read): <c>dslrunner-review &lt;base&gt; [&lt;head&gt;] …</c>.</summary>
    public static RootCommand Standalone()
    {
        var review = Create();
        var root = new RootCommand(review.Description!);
        foreach (var argument in review.Arguments) root.Arguments.Add(argument);
        foreach (var option in review.Options) root.Options.Add(option);
        root.Action = review.Action;
        return root;
    }

    /// <summary>Reads both revisions and compares them.</summary>
    internal static ReviewReport Run(string directory, string baseRevision, string? headRevision, RunLookup? runs)
    {
        var git = GitRepository.Find(directory);
        string baseCommit = git.Commit(baseRevision);
        var before = Read(git, baseCommit[..7], baseCommit, null);
        var after = headRevision is null
            ? Read(git, WorkingTree, git.Commit("HEAD"), workingTree: true)
            : Read(git, git.Commit(headRevision)[..7], git.Commit(headRevision), null);
        return ReviewComparer.Compare(before, after, GeneratorVersion, Project, runs);
    }

    static RevisionState Read(GitRepository git, string label, string commit, bool? workingTree)
    {
        bool fromDisk = workingTree == true;
        var files = fromDisk ? git.ReadWorkingTree(Project, Wanted) : git.ReadAt(commit, Project, Wanted);
        return RevisionState.Read(label, commit, fromDisk, files, RootNamespace(files));
    }

    /// <summary>Experiment files, C# sources (for [Experiment] classes) and the project file (for its root namespace).</summary>
    static bool Wanted(string path) =>
        YamlFrontEnd.IsExperimentFile(path) || Generator.Studies.StudyFrontEnd.IsStudyFile(path) || path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".csproj", StringComparison.Ordinal);

    /// <summary>The namespace the generator gives YAML experiments: the project's RootNamespace, else its name.</summary>
    static string RootNamespace(IReadOnlyList<SourceFile> files)
    {
        var project = files.FirstOrDefault(f => f.Path.EndsWith(".csproj", StringComparison.Ordinal) && f.Path.LastIndexOf('/') == Project.Length);
        var match = project is null ? null : Regex.Match(project.Text, "<RootNamespace>([^<]+)</RootNamespace>");
        string name = match is { Success: true } ? match.Groups[1].Value.Trim()
            : project is not null ? Path.GetFileNameWithoutExtension(project.Path) : Project;
        return ClassNames.Namespace(name);
    }

    /// <summary>The generator that resolves and emits both sides: this checkout's, named with its version.</summary>
    public static string GeneratorVersion { get; } =
        "DslRunner.Generator " + (typeof(ExperimentGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ExperimentGenerator).Assembly.GetName().Version?.ToString() ?? "unknown");
}
