namespace DslRunner.Generator.Resolution;

/// <summary>What an experiment or variant name may hold: it becomes a CLI argument and a run-folder name.</summary>
public static class NameRules
{
    /// <summary>Why the name is unusable, or null when it is fine.</summary>
    public static string? Problem(string name)
    {
        if (name.Trim().Length == 0) return "it is empty";
        if (name.Trim().Length != name.Length) return "it starts or ends with white space";
        foreach (char c in name)
        {
            if (char.IsControl(c)) return "it holds a control character (line break, tab…)";
            if (c is '/' or '\\') return "it holds a path separator, but names become folder names";
        }
        if (name is "." or "..") return "it is a relative folder name";
        return null;
    }
}
