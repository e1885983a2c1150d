using System.Reflection;
using System.Reflection.Emit;

namespace DslRunner.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which: from every type's base type, interfaces, fields, properties, method
/// signatures and attributes, and from the types, methods and fields its method bodies name (read from their IL).
/// A compiler-generated type (a lambda's closure, a state machine) counts as the type that declares it.
/// </summary>
public static class NamespaceDependencies
{
    /// <summary>One use: <paramref name="From"/>'s type <paramref name="User"/> names <paramref name="Used"/>, of namespace <paramref name="To"/>.</summary>
    public sealed record Use(string From, string To, string User, string Used)
    {
        public override string ToString() => $"{From} → {To} ({User} uses {Used})";
    }

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every use between two different namespaces of the assembly (namespaces outside it are left out).</summary>
    public static IReadOnlyList<Use> Of(Assembly assembly)
    {
        var uses = new HashSet<Use>();
        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (owner.Namespace is not { } from) continue;
            foreach (var used in Named(type))
            foreach (var part in Parts(used))
            {
                if (part.Assembly != assembly) continue;
                var usedOwner = Outermost(part);
                if (usedOwner.Namespace is { } to && to != from) uses.Add(new Use(from, to, owner.FullName!, usedOwner.FullName!));
            }
        }
        return [.. uses.OrderBy(u => u.From, StringComparer.Ordinal).ThenBy(u => u.To, StringComparer.Ordinal).ThenBy(u => u.User, StringComparer.Ordinal)];
    }

    static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>A type with its generic arguments, element type and, for a generic parameter, its constraints.</summary>
    static IEnumerable<Type> Parts(Type type)
    {
        if (type.HasElementType) return Parts(type.GetElementType()!);
        if (type.IsGenericParameter) return type.GetGenericParameterConstraints().SelectMany(Parts);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return [type.GetGenericTypeDefinition(), .. type.GetGenericArguments().SelectMany(Parts)];
        return [type];
    }

    static IEnumerable<Type> Named(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var face in type.GetInterfaces()) yield return face;
        foreach (var attribute in type.CustomAttributes) yield return attribute.AttributeType;
        foreach (var field in type.GetFields(Declared)) yield return field.FieldType;
        foreach (var property in type.GetProperties(Declared)) yield return property.PropertyType;
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) yield return info.ReturnType;
            foreach (var parameter in method.GetParameters()) yield return parameter.ParameterType;
            foreach (var used in BodyOf(method)) yield return used;
        }
    }

    /// <summary>The types a method's IL names: the types of its locals, and every type, method and field its instructions name.</summary>
    static IEnumerable<Type> BodyOf(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        byte[] il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, at);
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(token, typeArguments, methodArguments); }
                    catch (ArgumentException) { }
                    switch (member)
                    {
                        case Type used: yield return used; break;
                        case FieldInfo field:
                            yield return field.DeclaringType!;
                            yield return field.FieldType;
                            break;
                        case MethodBase called:
                            yield return called.DeclaringType!;
                            if (called is MethodInfo calledInfo)
                            {
                                yield return calledInfo.ReturnType;
                                if (calledInfo.IsGenericMethod) foreach (var argument in calledInfo.GetGenericArguments()) yield return argument;
                            }
                            break;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += code.OperandType switch
                    {
                        OperandType.InlineNone => 0,
                        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                        OperandType.InlineVar => 2,
                        OperandType.InlineI8 or OperandType.InlineR => 8,
                        _ => 4,
                    };
                    break;
            }
        }
    }
}
