using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Emit;
using Microsoft.CodeAnalysis;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// The parameters of a C# component, <c>[LossTerm(typeof(T), "beta=0.1")]</c>: each <c>name=value</c> bound to a
/// parameter of a public constructor or to a settable property of T, the value read as that member's type (a number,
/// <c>true</c>/<c>false</c> or text). Without parameters T needs a parameterless constructor.
/// </summary>
internal static class ComponentParameters
{
    /// <summary>The arguments as written and the construction that follows <c>new T</c>, or the problem (worded after the type's name).</summary>
    /// <param name="attribute">The attribute's name, for the example in a message (<c>LossTerm</c>).</param>
    public static (string Arguments, string Construction, string? Problem) Bind(ComponentShape shape, IReadOnlyList<string> written, string attribute)
    {
        var given = new List<(string Name, string Value)>();
        foreach (string parameter in written)
        {
            int equals = parameter.IndexOf('=');
            if (equals <= 0) return Fail($"has a parameter '{parameter}' that is not name=value, e.g. \"beta=0.1\"");
            string name = parameter.Substring(0, equals).Trim(), value = parameter.Substring(equals + 1).Trim();
            if (given.Any(g => g.Name == name)) return Fail($"is given the parameter '{name}' twice");
            given.Add((name, value));
        }
        var constructors = shape.Constructors;
        if (given.Count == 0)
            return constructors.Any(c => c.All(p => p.Optional))
                ? ("", "()", null)
                : Fail($"needs a public parameterless constructor, or parameters declared for its constructor, e.g. [{attribute}(typeof(T), \"beta=0.1\")]");

        var properties = shape.Properties;
        // The constructor that takes the most of the given names and needs no other; the rest go to properties.
        var constructor = constructors
            .Where(c => c.All(p => p.Optional || given.Any(g => g.Name == p.Name))
                        && given.All(g => c.Any(p => p.Name == g.Name) || properties.ContainsKey(g.Name)))
            .OrderByDescending(c => c.Count(p => given.Any(g => g.Name == p.Name)))
            .FirstOrDefault();
        if (constructor is null)
        {
            var members = constructors.SelectMany(c => c.Select(p => p.Name)).Concat(properties.Keys).Distinct().ToList();
            var unknown = given.FirstOrDefault(g => !members.Contains(g.Name));
            if (unknown.Name is not null)
                return Fail($"has no constructor parameter or settable property '{unknown.Name}'{DidYouMean.Suffix(unknown.Name, members)}"
                            + (members.Count == 0 ? "" : $" (it has: {string.Join(", ", members)})"));
            var needed = constructors.SelectMany(c => c).First(p => !p.Optional && given.All(g => g.Name != p.Name));
            return Fail($"needs the constructor parameter '{needed.Name}'");
        }

        var arguments = new List<string>();
        var assignments = new List<string>();
        foreach (var (name, value) in given)
        {
            var parameter = constructor.FirstOrDefault(p => p.Name == name);
            string memberType = parameter.Name is not null ? parameter.Type : properties[name];
            string? literal = Literal(memberType, value);
            if (literal is null)
                return Fail($"declares '{name}' = '{value}', but '{name}' is {Describe(memberType)}");
            if (parameter.Name is not null) arguments.Add(name + ": " + literal);
            else assignments.Add(name + " = " + literal);
        }
        string construction = "(" + string.Join(", ", arguments) + ")" + (assignments.Count == 0 ? "" : " { " + string.Join(", ", assignments) + " }");
        return (string.Join(", ", given.Select(g => g.Name + "=" + g.Value)), construction, null);
    }

    static (string, string, string?) Fail(string problem) => ("", "()", problem);

    /// <summary>The member types an attribute can declare, by C# keyword; anything else is kept as written.</summary>
    public static string Keyword(string typeName) => typeName.Replace("global::", "").Replace("System.", "") switch
    {
        "double" or "Double" => "double",
        "float" or "Single" => "float",
        "int" or "Int32" => "int",
        "long" or "Int64" => "long",
        "bool" or "Boolean" => "bool",
        "string" or "String" => "string",
        var other => other,
    };

    /// <summary>The value as a C# literal of the member's type, or null when it is not one.</summary>
    static string? Literal(string type, string value)
    {
        switch (type)
        {
            case "double":
            case "float":
                return ScalarText.TryParseNumber(value, out double number) ? CSharpLiteral.Number(number) + (type == "float" ? "f" : "") : null;
            case "int":
            case "long":
                return ScalarText.TryParseInteger(value, out long integer) && (type == "long" || integer is >= int.MinValue and <= int.MaxValue)
                    ? integer.ToString(CultureInfo.InvariantCulture) + (type == "long" ? "L" : "")
                    : null;
            case "bool":
                return value is "true" or "false" ? value : null;
            case "string":
                return CSharpLiteral.String(value);
            default:
                return null;
        }
    }

    static string Describe(string type) => type switch
    {
        "double" or "float" => "a number",
        "int" or "long" => "an integer",
        "bool" => "true or false",
        "string" => "text",
        _ => $"a {type}, which an attribute cannot declare (numbers, true/false and text can be)",
    };
}

/// <summary>What a component type offers its declared parameters: its accessible constructors' parameters and its settable properties, with types as keywords.</summary>
internal sealed record ComponentShape(
    IReadOnlyList<IReadOnlyList<(string Name, string Type, bool Optional)>> Constructors, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>From the compiler's symbols (a build).</summary>
    public static ComponentShape Of(INamedTypeSymbol type)
    {
        var properties = new Dictionary<string, string>();
        for (var current = type; current is not null; current = current.BaseType)
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
                if (!property.IsStatic && property.SetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal }
                    && !properties.ContainsKey(property.Name))
                    properties[property.Name] = ComponentParameters.Keyword(property.Type.ToDisplayString());
        var constructors = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .Select(c => (IReadOnlyList<(string, string, bool)>)c.Parameters
                .Select(p => (p.Name, ComponentParameters.Keyword(p.Type.ToDisplayString()), p.HasExplicitDefaultValue)).ToList())
            .ToList();
        return new ComponentShape(constructors, properties);
    }

    /// <summary>From syntax alone (another revision, read without compiling): the class's own members, types as written.</summary>
    public static ComponentShape Of(Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax type)
    {
        static bool Accessible(SyntaxTokenList modifiers) =>
            modifiers.Any(m => m.ValueText is "public" or "internal") && !modifiers.Any(m => m.ValueText == "static");
        static IReadOnlyList<(string, string, bool)> Parameters(Microsoft.CodeAnalysis.CSharp.Syntax.ParameterListSyntax list) =>
            list.Parameters.Select(p => (p.Identifier.ValueText, ComponentParameters.Keyword(p.Type?.ToString() ?? ""), p.Default is not null)).ToList();
        var constructors = type.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax>()
            .Where(c => Accessible(c.Modifiers)).Select(c => Parameters(c.ParameterList)).ToList();
        if (type.ParameterList is { } primary) constructors.Add(Parameters(primary));
        else if (!type.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax>().Any()) constructors.Add([]);
        var properties = type.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>()
            .Where(p => Accessible(p.Modifiers) && p.AccessorList?.Accessors.Any(a => a.Keyword.ValueText is "set" or "init" && !a.Modifiers.Any(m => m.ValueText is "private" or "protected")) == true)
            .ToDictionary(p => p.Identifier.ValueText, p => ComponentParameters.Keyword(p.Type.ToString()));
        return new ComponentShape(constructors, properties);
    }
}
