using System.Globalization;
using System.Reflection;
using DslRunner.Generator.Model;

namespace DslRunner.Runs;

/// <summary>
/// Builds the runtime config records from a bound value tree, the way the generated code does: each record
/// value is <c>new CSharpType(Parameter: value, …)</c>, parameters it does not name take their defaults.
/// </summary>
internal static class ConfigActivator
{
    const string GlobalPrefix = "global::";

    public static object Create(ConfigValue value) => Convert(value, typeof(object))!;

    static object? Convert(ConfigValue value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        return value switch
        {
            NullValue => null,
            StringValue text => text.Value,
            IntegerValue integer => type == typeof(object) ? integer.Value : System.Convert.ChangeType(integer.Value, type, CultureInfo.InvariantCulture),
            NumberValue number => type == typeof(object) ? number.Value : System.Convert.ChangeType(number.Value, type, CultureInfo.InvariantCulture),
            EnumValue choice => Enum.Parse(TypeOf(choice.CSharpType), choice.Member),
            ListValue list => ToArray(list),
            RecordValue record => Construct(record),
            TypeValue custom => throw new InvalidOperationException(
                $"the loss term {custom.FullyQualifiedName} is C# code and cannot be rebuilt from a declaration"),
            _ => throw new InvalidOperationException($"unexpected value {value.GetType().Name}"),
        };
    }

    static Array ToArray(ListValue list)
    {
        var elementType = TypeOf(list.ElementType);
        var array = Array.CreateInstance(elementType, list.Items.Count);
        for (int i = 0; i < list.Items.Count; i++) array.SetValue(Convert(list.Items[i], elementType), i);
        return array;
    }

    static object Construct(RecordValue record)
    {
        var type = TypeOf(record.CSharpType);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(parameter => Argument(record, parameter)).ToArray();
        return constructor.Invoke(arguments);
    }

    static object? Argument(RecordValue record, ParameterInfo parameter)
    {
        var argument = record.Arguments.FirstOrDefault(a => a.Parameter == parameter.Name);
        if (argument is not null) return Convert(argument.Value, parameter.ParameterType);
        return parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }

    static Type TypeOf(string cSharpType)
    {
        if (cSharpType == "string") return typeof(string);
        string name = cSharpType.StartsWith(GlobalPrefix, StringComparison.Ordinal) ? cSharpType[GlobalPrefix.Length..] : cSharpType;
        return typeof(ConfigActivator).Assembly.GetType(name)
            ?? throw new InvalidOperationException($"the config type {name} is not part of the runtime");
    }
}
