using System.Collections.Immutable;
using DslRunner.Tests.Hardening.Probes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslRunner.Tests.Native;

/// <summary>
/// Compiles runtime/ with Roslyn against the runtime's references and finds every place that leaves a native scalar
/// to a finalizer: an implicit conversion of a number to <c>TorchSharp.Scalar</c> or to a tensor, or a call of a
/// TorchSharp member that makes such a scalar inside (<see cref="TemporaryScalarMethods"/>), a module's forward included.
/// </summary>
public static class TemporaryScalarFinder
{
    /// <summary>One finding: the file (relative to runtime/), the enclosing member, the line, the code and what it makes.</summary>
    public sealed record Finding(string File, string Member, int Line, string Code, string What)
    {
        public override string ToString() => $"{File}:{Line} {Member}: {Code} ({What})";
    }

    static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    public static CSharpCompilation CompileRuntime()
    {
        string runtime = Path.Combine(RepositoryFiles.Root, "runtime");
        // Preview: the SDK's compiler is newer than this Roslyn, and C# 14's span conversions decide some overloads.
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsExcluded(Path.GetRelativePath(runtime, path)))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, Path.GetRelativePath(runtime, path)))
            .Append(CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), options, "GlobalUsings.g.cs"));
        string runtimeAssembly = typeof(IExperiment).Assembly.Location, tests = typeof(TemporaryScalarFinder).Assembly.Location;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(path => path != runtimeAssembly && path != tests && IsManaged(path))
            .GroupBy(Path.GetFileName).Select(g => g.First());
        return CSharpCompilation.Create("DslRunner.Runtime", trees,
            references.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>What the runtime's project leaves out of its compilation: its MSBuild glue and the packages' folder.</summary>
    static bool IsExcluded(string relative) =>
        relative.StartsWith("build" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith("packaging" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException) { return false; }
    }

    public static (IReadOnlyList<Finding> Findings, ImmutableArray<Diagnostic> Errors) Find(CSharpCompilation compilation)
    {
        // CS8795: a [GeneratedRegex] partial method, whose body the SDK's regex generator writes in a real build.
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToImmutableArray();
        var findings = new List<Finding>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                string? what = node is ExpressionSyntax expression ? ImplicitConversion(model, expression) : null;
                what ??= TemporaryMaker(model, node) ?? ModuleForward(model, node);
                if (what is null) continue;
                int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                findings.Add(new Finding(tree.FilePath.Replace('\\', '/'), EnclosingMember(model, node), line, Shorten(node.ToString()), what));
            }
        }
        return (findings, errors);
    }

    static bool IsTorchSharp(ITypeSymbol? type, string name) =>
        type is { Name: var n, ContainingAssembly.Name: "TorchSharp" } && n == name;

    static string? ImplicitConversion(SemanticModel model, ExpressionSyntax expression)
    {
        var conversion = model.GetConversion(expression);
        if (!conversion.IsImplicit || !conversion.IsUserDefined || conversion.MethodSymbol is not { } method) return null;
        if (IsTorchSharp(method.ReturnType, "Scalar")) return $"implicit {method.Parameters[0].Type.Name} → Scalar";
        if (IsTorchSharp(method.ReturnType, "Tensor") && method.Parameters[0].Type.IsValueType) return $"implicit {method.Parameters[0].Type.Name} → Tensor";
        return null;
    }

    static string? TemporaryMaker(SemanticModel model, SyntaxNode node)
    {
        if (node is not (InvocationExpressionSyntax or BinaryExpressionSyntax or AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
            return null;
        if (model.GetSymbolInfo(node).Symbol is not IMethodSymbol method || method.ContainingAssembly?.Name != "TorchSharp") return null;
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return TemporaryScalarMethods.Contains(Key(definition)) ? $"{definition.ContainingType.Name}.{MetadataName(definition)} makes a scalar inside" : null;
    }

    /// <summary>A module's <c>call</c> reaches its <c>forward</c> by a virtual call: looked up on the receiver's TorchSharp class.</summary>
    static string? ModuleForward(SemanticModel model, SyntaxNode node)
    {
        if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation) return null;
        if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol { Name: "call" or "forward" } method) return null;
        for (var type = model.GetTypeInfo(access.Expression).Type as INamedTypeSymbol; type is { ContainingAssembly.Name: "TorchSharp" }; type = type.BaseType)
            foreach (var forward in type.GetMembers("forward").OfType<IMethodSymbol>().Where(f => f.Parameters.Length == method.Parameters.Length))
                if (TemporaryScalarMethods.Contains(Key(forward.OriginalDefinition))) return $"{type.Name}.forward makes a scalar inside";
        return null;
    }

    static string Key(IMethodSymbol method) =>
        TemporaryScalarMethods.Key(TypeName(method.ContainingType), MetadataName(method), method.Parameters.Select(p => ParameterTypeName(p.Type)));

    static string MetadataName(IMethodSymbol method) => method.MethodKind == MethodKind.Constructor ? ".ctor" : method.MetadataName;

    static string TypeName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) name = outer.MetadataName + "." + name;
        return type.ContainingNamespace.IsGlobalNamespace ? name : type.ContainingNamespace.ToDisplayString() + "." + name;
    }

    static string ParameterTypeName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => ParameterTypeName(array.ElementType) + "[]",
        IPointerTypeSymbol pointer => ParameterTypeName(pointer.PointedAtType) + "*",
        _ => type.MetadataName,
    };

    static string EnclosingMember(SemanticModel model, SyntaxNode node)
    {
        var declaration = node.AncestorsAndSelf().FirstOrDefault(a => a is MemberDeclarationSyntax and not TypeDeclarationSyntax);
        var symbol = declaration is null ? null : model.GetDeclaredSymbol(declaration);
        if (symbol is null && declaration is FieldDeclarationSyntax field) symbol = model.GetDeclaredSymbol(field.Declaration.Variables[0]);
        return symbol is null ? "?" : $"{symbol.ContainingType?.Name}.{symbol.Name}";
    }

    static string Shorten(string code)
    {
        code = string.Join(' ', code.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return code.Length <= 80 ? code : code[..77] + "…";
    }
}
