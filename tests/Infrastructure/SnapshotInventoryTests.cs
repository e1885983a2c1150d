using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// Every file under tests/Snapshots/ is read by some test. The expected set comes from the test sources (literal
/// names passed to <see cref="Snapshot.Match"/>) and from the declarations the computed names are made of
/// (<see cref="IDeclaresSnapshots"/>), never from which tests happened to run, so a filtered run sees the same set.
/// </summary>
public sealed class SnapshotInventoryTests
{
    static readonly string TestsFolder = Path.Combine(Snapshot.RepositoryRoot(), "tests");

    [Fact]
    public void Every_snapshot_file_is_read_by_a_test()
    {
        var expected = LiteralNames().Concat(DeclaredNames()).ToHashSet(StringComparer.Ordinal);
        string folder = Snapshot.Directory();
        var files = System.IO.Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => !Snapshot.IsReceived(file))
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'));

        var unread = files.Where(file => !expected.Contains(file)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unread.Count == 0,
            $"no test reads these snapshots (a deleted experiment or test?): {string.Join(", ", unread)}. " +
            "Delete them, or name them in the test that reads them (a literal name, or IDeclaresSnapshots).");
    }

    [Fact]
    public void Computed_snapshot_names_are_declared_by_their_test_class()
    {
        var undeclared = MatchCalls()
            .Where(call => call.Name is null && !call.ClassDeclares)
            .Select(call => call.Where)
            .ToList();

        Assert.True(undeclared.Count == 0,
            $"Snapshot.Match with a computed name in a class that does not implement IDeclaresSnapshots: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void The_inventory_sees_the_literal_and_the_declared_names()
    {
        var literal = LiteralNames().ToList();
        var declared = DeclaredNames().ToList();

        Assert.Contains("Generator/ExperimentRegistry.g.verified.txt", literal);
        Assert.Contains("Generator/Quickstart.g.verified.txt", declared);
        Assert.Contains("Runs/tiny-gpt.run.txt", declared);
    }

    static IEnumerable<string> LiteralNames() => MatchCalls().Select(call => call.Name).OfType<string>();

    static IEnumerable<string> DeclaredNames() =>
        typeof(SnapshotInventoryTests).Assembly.GetTypes()
            .Where(type => type.IsClass && typeof(IDeclaresSnapshots).IsAssignableFrom(type))
            .SelectMany(type => (IEnumerable<string>)type.GetMethod(nameof(IDeclaresSnapshots.SnapshotNames),
                System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.Invoke(null, null)!);

    sealed record MatchCall(string? Name, bool ClassDeclares, string Where);

    /// <summary>Every <c>Snapshot.Match(actual, name)</c> call in the test sources.</summary>
    static IEnumerable<MatchCall> MatchCalls()
    {
        foreach (string file in System.IO.Directory.GetFiles(TestsFolder, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(TestsFolder, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetRoot();
            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax
                    {
                        Expression: IdentifierNameSyntax { Identifier.Text: "Snapshot" },
                        Name.Identifier.Text: "Match",
                    } || invocation.ArgumentList.Arguments.Count < 2) continue;
                var nameArgument = invocation.ArgumentList.Arguments[1].Expression;
                string? name = nameArgument is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                    ? literal.Token.ValueText
                    : null;
                bool declares = invocation.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault()?.BaseList?.Types
                    .Any(type => type.Type.ToString() == nameof(IDeclaresSnapshots)) ?? false;
                int line = invocation.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                yield return new MatchCall(name, declares, $"{relative}:{line}");
            }
        }
    }
}
