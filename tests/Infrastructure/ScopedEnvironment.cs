namespace DslRunner.Tests.Infrastructure;

/// <summary>Sets an environment variable (null removes it) until disposed, then restores its earlier value.</summary>
public sealed class ScopedEnvironment : IDisposable
{
    readonly string _name;
    readonly string? _previous;

    public ScopedEnvironment(string name, string? value)
    {
        _name = name;
        _previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
}
