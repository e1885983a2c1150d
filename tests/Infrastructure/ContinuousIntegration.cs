namespace DslRunner.Tests.Infrastructure;

/// <summary>Whether the tests run under CI: the <c>CI</c> variable is set (to anything but "false" or "0").</summary>
public static class ContinuousIntegration
{
    public static bool IsSet => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } value && value is not ("false" or "0");
}
