using System.Collections.Generic;

namespace DslRunner.Generator.Resolution;

/// <summary>Path arithmetic on strings only: a generator must not touch the file system.</summary>
public static class PathText
{
    public static string Directory(string path)
    {
        int slash = LastSeparator(path);
        return slash < 0 ? "" : path.Substring(0, slash);
    }

    public static string FileName(string path) => path.Substring(LastSeparator(path) + 1);

    public static string Combine(string directory, string relative)
    {
        if (relative.StartsWith("/") || (relative.Length > 1 && relative[1] == ':')) return relative;
        return directory.Length == 0 ? relative : directory + "/" + relative;
    }

    /// <summary>Forward slashes, "." and ".." resolved, so two spellings of one file compare equal.</summary>
    public static string Normalize(string path)
    {
        string unified = path.Replace('\\', '/');
        bool rooted = unified.StartsWith("/");
        var parts = new List<string>();
        foreach (var part in unified.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return (rooted ? "/" : "") + string.Join("/", parts);
    }

    static int LastSeparator(string path) => System.Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
}
