namespace DslRunner.Review;

/// <summary>Compares the experiments of two revisions: added, removed, renamed, changed, and what changed in each.</summary>
internal static class ReviewComparer
{
    public static ReviewReport Compare(RevisionState before, RevisionState after, string generator, string project, RunLookup? runs)
    {
        var changes = new List<ExperimentChange>();
        var baseByName = before.Experiments.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var headByName = after.Experiments.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var removed = baseByName.Values.Where(e => !headByName.ContainsKey(e.Name)).ToList();
        var added = headByName.Values.Where(e => !baseByName.ContainsKey(e.Name)).ToList();

        // A declaration too broken to name itself is the experiment its file declared before.
        foreach (var unnamed in added.Where(e => !e.Named).ToList())
            if (removed.FirstOrDefault(r => r.Path == unnamed.Path) is { } earlier)
            {
                removed.Remove(earlier);
                added.Remove(unnamed);
                changes.Add(Changed(ChangeKind.Changed, unnamed.Name, null, earlier, unnamed, before, after, project, runs));
            }

        foreach (var experiment in added.Where(e => e.Builds).OrderBy(e => e.Name, StringComparer.Ordinal).ToList())
            if (removed.FirstOrDefault(r => r.Builds && SameContent(r, experiment)) is { } original)
            {
                removed.Remove(original);
                added.Remove(experiment);
                changes.Add(Changed(ChangeKind.Renamed, experiment.Name, original.Name, original, experiment, before, after, project, runs));
            }

        foreach (var experiment in headByName.Values.Where(e => baseByName.ContainsKey(e.Name)))
        {
            var earlier = baseByName[experiment.Name];
            if (earlier.Code == experiment.Code && earlier.Builds == experiment.Builds && SameProblems(before, after, earlier, experiment)) continue;
            changes.Add(Changed(ChangeKind.Changed, experiment.Name, null, earlier, experiment, before, after, project, runs));
        }
        changes.AddRange(added.Select(e => Changed(ChangeKind.Added, e.Name, null, null, e, before, after, project, runs)));
        changes.AddRange(removed.Select(e => Changed(ChangeKind.Removed, e.Name, null, e, null, before, after, project, runs)));

        var ordered = changes.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new ReviewReport(before, after, generator, ordered, Inherited(ordered, before, after), runs is not null)
        {
            Studies = StudyReview.Compare(before.Studies, after.Studies),
        };
    }

    static ExperimentChange Changed(
        ChangeKind kind, string name, string? oldName, DeclaredExperiment? earlier, DeclaredExperiment? later,
        RevisionState before, RevisionState after, string project, RunLookup? runs)
    {
        var keys = earlier is { Builds: true } && later is { Builds: true } ? KeyChanges(earlier, later) : [];
        var baseDerived = earlier?.Derived ?? new Dictionary<string, IReadOnlyDictionary<string, KeyValue>>();
        var headDerived = later?.Derived ?? new Dictionary<string, IReadOnlyDictionary<string, KeyValue>>();
        // After a rename the variants are renamed too: compare them by what follows the experiment's name.
        string Suffix(string derived, string owner) => derived.StartsWith(owner, StringComparison.Ordinal) ? derived[owner.Length..] : derived;
        var baseBySuffix = earlier is null ? [] : baseDerived.ToDictionary(d => Suffix(d.Key, earlier.Name), d => d, StringComparer.Ordinal);
        var headBySuffix = later is null ? [] : headDerived.ToDictionary(d => Suffix(d.Key, later.Name), d => d, StringComparer.Ordinal);
        bool bothBuild = earlier is { Builds: true } && later is { Builds: true };
        var derivedAdded = bothBuild ? headBySuffix.Where(d => !baseBySuffix.ContainsKey(d.Key)).Select(d => d.Value.Key).Order(StringComparer.Ordinal).ToList() : [];
        var derivedRemoved = bothBuild ? baseBySuffix.Where(d => !headBySuffix.ContainsKey(d.Key)).Select(d => d.Value.Key).Order(StringComparer.Ordinal).ToList() : [];
        var derivedChanged = new List<DerivedChange>();
        if (bothBuild)
            foreach (var (suffix, head) in headBySuffix.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                if (!baseBySuffix.TryGetValue(suffix, out var prior)) continue;
                var own = Differences(prior.Value, head.Value).Where(change => !keys.Any(k => k.Key == change.Key && k.Base == change.Base && k.Head == change.Head)).ToList();
                if (own.Count > 0) derivedChanged.Add(new DerivedChange(head.Key, own));
            }

        string? diff = UnifiedDiff.Between(earlier?.Code, later?.Code,
            earlier is { Builds: true } ? $"{before.Label}:{earlier.GeneratedFile}" : "/dev/null",
            later is { Builds: true } ? $"{after.Label}:{later.GeneratedFile}" : "/dev/null");
        // Added and removed experiments have nothing to compare; a side that does not build has no code.
        if (!bothBuild) diff = null;

        RunComparison? runComparison = null;
        if (kind is ChangeKind.Changed or ChangeKind.Renamed && earlier is { Builds: true } && later is { Builds: true })
            runComparison = Runs(earlier, later, before, after, project, runs);
        return new ExperimentChange(kind, name, oldName, earlier, later, keys, derivedAdded, derivedRemoved, derivedChanged, diff, runComparison);
    }

    static List<KeyChange> KeyChanges(DeclaredExperiment earlier, DeclaredExperiment later) =>
        Differences(earlier.Keys, later.Keys)
            .Select(change => change with { Via = Via(change.Key, earlier, later) })
            .ToList();

    static IEnumerable<KeyChange> Differences(IReadOnlyDictionary<string, KeyValue> before, IReadOnlyDictionary<string, KeyValue> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(key => new KeyChange(key, before.GetValueOrDefault(key)?.Text, after.GetValueOrDefault(key)?.Text, null))
            .Where(change => change.Base != change.Head);

    /// <summary>The inherited file a key's new (or, if removed, old) value is declared in; null when the experiment's own file declares it.</summary>
    static string? Via(string key, DeclaredExperiment earlier, DeclaredExperiment later)
    {
        string? file = later.Keys.GetValueOrDefault(key)?.DeclaredIn;
        if (file is not null) return file == later.Path ? null : file;
        file = earlier.Keys.GetValueOrDefault(key)?.DeclaredIn;
        return file is not null && file != earlier.Path ? file : null;
    }

    /// <summary>Same resolved keys, same variants and sweep points (named after the experiment), only the name differs.</summary>
    static bool SameContent(DeclaredExperiment earlier, DeclaredExperiment later)
    {
        if (!SameKeys(earlier.Keys, later.Keys) || earlier.Derived.Count != later.Derived.Count) return false;
        foreach (var (name, keys) in earlier.Derived)
        {
            string renamed = later.Name + name[earlier.Name.Length..];
            if (!name.StartsWith(earlier.Name, StringComparison.Ordinal) || !later.Derived.TryGetValue(renamed, out var other) || !SameKeys(keys, other))
                return false;
        }
        return true;
    }

    static bool SameKeys(IReadOnlyDictionary<string, KeyValue> a, IReadOnlyDictionary<string, KeyValue> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other.Text == pair.Value.Text);

    static bool SameProblems(RevisionState before, RevisionState after, DeclaredExperiment earlier, DeclaredExperiment later) =>
        before.Diagnostics.Where(d => d.Path == earlier.Path).Select(d => (d.Id, d.Message))
            .SequenceEqual(after.Diagnostics.Where(d => d.Path == later.Path).Select(d => (d.Id, d.Message)));

    static RunComparison Runs(DeclaredExperiment earlier, DeclaredExperiment later, RevisionState before, RevisionState after, string project, RunLookup? runs)
    {
        RunRecord? Find(DeclaredExperiment experiment, RevisionState side) =>
            runs is null || experiment.Declaration.Length == 0 ? null : runs(experiment.Name, experiment.Declaration, side.Commit);
        var baseRun = Find(earlier, before);
        var headRun = Find(later, after);
        return new RunComparison(baseRun, headRun,
            baseRun is null ? RunCommand(earlier.Name, before, project) : null,
            headRun is null ? RunCommand(later.Name, after, project) : null);
    }

    /// <summary>A run records the commit of the folder it starts in, so a commit's run starts in a worktree of that commit.</summary>
    static string RunCommand(string experiment, RevisionState side, string project)
    {
        string run = $"dotnet run --project {project} -- run {Shell(experiment)}";
        if (side.IsWorkingTree) return run;
        string folder = $"../dslrunner-{side.Commit[..7]}";
        return $"git worktree add {folder} {side.Commit[..7]} && (cd {folder} && {run} --runs \"$OLDPWD/runs\")";
    }

    static string Shell(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '=' or ',') ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>Inherited files whose text changed, each with the experiments that changed through it.</summary>
    static List<InheritedChange> Inherited(List<ExperimentChange> changes, RevisionState before, RevisionState after)
    {
        var byFile = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var change in changes)
            foreach (var key in change.Keys.Where(k => k.Via is not null))
            {
                if (before.Files.GetValueOrDefault(key.Via!) == after.Files.GetValueOrDefault(key.Via!)) continue;
                if (!byFile.TryGetValue(key.Via!, out var names)) byFile[key.Via!] = names = new SortedSet<string>(StringComparer.Ordinal);
                names.Add(change.Name);
            }
        return byFile.Select(pair => new InheritedChange(pair.Key, pair.Value.ToList())).ToList();
    }
}
