using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>The DSL core is its own assembly, free of Roslyn, shared by the generator and the runtime.</summary>
public sealed class CoreProjectTests
{
    [Fact]
    public void The_core_references_no_Roslyn_assembly()
    {
        var core = typeof(ExperimentSchema).Assembly;

        Assert.Equal("DslRunner.Generator.Core", core.GetName().Name);
        Assert.DoesNotContain(core.GetReferencedAssemblies(), name => name.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void The_runtime_and_the_generator_use_the_one_core_assembly()
    {
        var core = typeof(ExperimentSchema).Assembly.GetName().Name;

        Assert.Contains(typeof(IExperiment).Assembly.GetReferencedAssemblies(), name => name.Name == core);
        Assert.Contains(typeof(DslRunner.Generator.ExperimentGenerator).Assembly.GetReferencedAssemblies(), name => name.Name == core);
        Assert.DoesNotContain(typeof(IExperiment).Assembly.GetTypes(), type => type.Namespace?.StartsWith("DslRunner.Generator", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Identifier_characters_are_the_ones_the_compiler_accepts()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(SyntaxFacts.IsIdentifierStartCharacter((char)c) == CSharpIdentifiers.IsStart((char)c), $"start U+{c:X4}");
            Assert.True(SyntaxFacts.IsIdentifierPartCharacter((char)c) == CSharpIdentifiers.IsPart((char)c), $"part U+{c:X4}");
        }
    }
}
