using System.Runtime.CompilerServices;
using DslRunner.Data;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// The tests fetch corpora and cache tokenized data in their own folder beside the test assembly, never in the
/// user's ~/.cache/dslrunner nor in a folder DSLRUNNER_CACHE points at; child processes inherit the setting.
/// </summary>
public static class TestCache
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "dslrunner-cache");

#pragma warning disable CA2255 // the test assembly must redirect the cache before any test touches it
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Redirect() => Environment.SetEnvironmentVariable(CachePaths.EnvironmentVariable, Folder);
}
