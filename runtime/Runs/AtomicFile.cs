using System.Text;

namespace DslRunner.Runs;

/// <summary>Writes a whole file or nothing: a temporary sibling is written, flushed, then renamed over.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents)
    {
        string temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(new UTF8Encoding(false).GetBytes(contents));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
