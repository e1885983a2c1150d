using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace DslRunner.Tests.Native;

/// <summary>
/// The TorchSharp members that make a native scalar inside themselves and leave it to a
/// finalizer — <c>a + b</c> on tensors is <c>a.add(b, 1)</c> — found by reading TorchSharp's IL: a method that calls
/// a number-to-<see cref="Scalar"/> conversion without disposing a scalar, or calls such a method.
/// </summary>
public static class TemporaryScalarMethods
{
    static readonly Lazy<HashSet<string>> Set = new(Find);

    public static bool Contains(string key) => Set.Value.Contains(key);

    public static int Count => Set.Value.Count;

    /// <summary>A method's identity that Roslyn symbols and reflection both give: declaring type, name, parameter types.</summary>
    public static string Key(string declaringType, string name, IEnumerable<string> parameterTypes) =>
        $"{declaringType}::{name}({string.Join(",", parameterTypes)})";

    static string Key(MethodBase method) =>
        Key(TypeName(method.DeclaringType!), method.Name, method.GetParameters().Select(p => ParameterTypeName(p.ParameterType)));

    static string TypeName(Type type)
    {
        string name = type.Name;
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType) name = outer.Name + "." + name;
        return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
    }

    static string ParameterTypeName(Type type)
    {
        if (type.IsByRef) return ParameterTypeName(type.GetElementType()!);
        if (type.IsArray) return ParameterTypeName(type.GetElementType()!) + "[]";
        return type.Name;
    }

    static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The methods and constructors one body calls (call, callvirt, newobj, ldftn).</summary>
    static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException) { yield break; }
        if (il is null) yield break;
        var module = method.Module;
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int position = 0;
        while (position < il.Length)
        {
            short value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            if (!OpCodesByValue.TryGetValue(value, out var opcode)) yield break;
            int operand = opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
                _ => 4,
            };
            if (opcode == OpCodes.Call || opcode == OpCodes.Callvirt || opcode == OpCodes.Newobj || opcode == OpCodes.Ldftn)
            {
                MethodBase? callee = null;
                try { callee = module.ResolveMethod(BitConverter.ToInt32(il, position), typeArguments, methodArguments); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMethodException) { }
                if (callee is not null) yield return callee;
            }
            position += operand;
        }
    }

    static bool MakesNumberIntoScalar(MethodBase callee) =>
        (callee.Name == "op_Implicit" && callee is MethodInfo info && info.ReturnType == typeof(Scalar))
        || (callee.Name == "ToScalar" && callee.DeclaringType?.Name == "ScalarExtensionMethods");

    static HashSet<string> Find()
    {
        var assembly = typeof(Scalar).Assembly;
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var methods = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
            .Where(m => !m.IsAbstract)
            .ToList();
        var calls = new Dictionary<MethodBase, List<MethodBase>>();
        var makers = new HashSet<string>();
        foreach (var method in methods)
        {
            var callees = Callees(method).ToList();
            calls[method] = callees;
            if (callees.Any(MakesNumberIntoScalar) && !callees.Any(c => c.Name == "Dispose" && c.DeclaringType == typeof(Scalar)))
                makers.Add(Key(method));
        }
        // Callers of makers, to a fixed point.
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (method, callees) in calls)
                if (!makers.Contains(Key(method)) && callees.Any(c => makers.Contains(Key(Definition(c))))) grew = makers.Add(Key(method)) || grew;
        }
        return makers;
    }

    /// <summary>The generic definition a call to a constructed generic type's or method's member stands for.</summary>
    static MethodBase Definition(MethodBase method)
    {
        if (method is MethodInfo { IsGenericMethod: true, IsGenericMethodDefinition: false } generic) method = generic.GetGenericMethodDefinition();
        if (method.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } type)
            return MethodBase.GetMethodFromHandle(method.MethodHandle, type.GetGenericTypeDefinition().TypeHandle) ?? method;
        return method;
    }
}
