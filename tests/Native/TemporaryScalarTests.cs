using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace DslRunner.Tests.Native;

/// <summary>
/// No code in runtime/ leaves a native scalar to a finalizer (see runtime/Native/Scalars.cs), except the places named
/// here, none of which runs per step.
/// </summary>
public sealed class TemporaryScalarTests(ITestOutputHelper output)
{
    /// <summary>"file: member" (file relative to runtime/) → why it may make a temporary scalar.</summary>
    static readonly Dictionary<string, string> AllowList = new()
    {
        ["Models/FusedDecodeStep.cs: FusedDecodeStep.Run"] =
            "CompilationUnit.invoke makes a scalar only for a float, double or long argument; the step passes tensors and ints",
    };

    [Fact]
    public void No_runtime_code_outside_the_allow_list_leaves_a_native_scalar_to_a_finalizer()
    {
        var (findings, errors) = TemporaryScalarFinder.Find(TemporaryScalarFinder.CompileRuntime());
        Assert.True(errors.IsEmpty, "runtime/ did not compile for the analysis:\n" + string.Join("\n", errors.Take(10)));
        output.WriteLine($"TorchSharp members that make a scalar inside: {TemporaryScalarMethods.Count}");
        output.WriteLine("allow-list:");
        foreach (var (place, why) in AllowList)
            output.WriteLine($"  {place} ({findings.Count(f => $"{f.File}: {f.Member}" == place)} found): {why}");
        var outside = findings.Where(f => !AllowList.ContainsKey($"{f.File}: {f.Member}")).ToList();
        Assert.True(outside.Count == 0, $"{outside.Count} temporary scalars outside the allow-list:\n" + string.Join("\n", outside));
        var stale = AllowList.Keys.Where(place => !findings.Any(f => $"{f.File}: {f.Member}" == place)).ToList();
        Assert.True(stale.Count == 0, "allow-list entries with nothing to allow: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_finder_sees_implicit_conversions_and_torchsharp_members_that_convert_inside()
    {
        const string Source = """
            using TorchSharp;
            using static TorchSharp.torch;
            static class Sample
            {
                static readonly Scalar One = 1.ToScalar();
                static Tensor ImplicitAlpha(Tensor a, Tensor b) => a.add(b, 2.0);
                static Tensor Operator(Tensor a, Tensor b) => a + b;
                static Tensor TimesNumber(Tensor a) => a * 0.5;
                static Tensor AddScalar(Tensor a) => a.add_(One);
                static Tensor NumberToTensor(Tensor a) => a.maximum(0.0);
                static Tensor Owned(Tensor a, Tensor b) => a.add(b, One);
                static Tensor ModuleInside(TorchSharp.Modules.Hardtanh clamp, Tensor a) => clamp.call(a);
                static Tensor ModuleClean(TorchSharp.Modules.Linear linear, Tensor a) => linear.call(a);
            }
            """;
        var compilation = TemporaryScalarFinder.CompileRuntime()
            .RemoveAllSyntaxTrees()
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest), "Sample.cs"));
        var (findings, errors) = TemporaryScalarFinder.Find(compilation);
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        foreach (var finding in findings) output.WriteLine(finding.ToString());
        Assert.Equal(["Sample.AddScalar", "Sample.ImplicitAlpha", "Sample.ModuleInside", "Sample.NumberToTensor", "Sample.Operator", "Sample.TimesNumber"],
            findings.Select(f => f.Member).Distinct().Order(StringComparer.Ordinal));
    }
}
