using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>Loads a compiled generator output, so tests can read the values the generated code really holds.</summary>
public static class GeneratedAssembly
{
    public static Assembly Load(CSharpCompilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        stream.Position = 0;
        return context.LoadFromStream(stream);
    }

    /// <summary>The experiments of the generated registry.</summary>
    public static IReadOnlyList<IExperiment> Registry(Assembly assembly) =>
        (IReadOnlyList<IExperiment>)assembly.GetType(GeneratorHarness.RootNamespace + ".ExperimentRegistry")!
            .GetProperty("All")!.GetValue(null)!;
}
