using System.Runtime.CompilerServices;

namespace DslRunner.Native;

/// <summary>
/// How libtorch's OpenMP threads wait for work. libgomp's default spins: with more runnable threads than cores (anything
/// else running beside a run), the spinning threads take the cores the working ones need, and a run beside one busy
/// process took 4.8× as long. Every DslRunner process therefore asks for a passive wait — threads sleep instead of
/// spinning — unless the user chose a policy (OMP_WAIT_POLICY or GOMP_SPINCOUNT). libgomp reads the variables once,
/// when libtorch loads it, so they are set in the native environment before that, as the numeric pins are; child
/// processes inherit them. The waiting policy changes when a thread wakes, never what it computes: the bits are the same.
/// </summary>
public static class ThreadWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";
    public const string SpinCountVariable = "GOMP_SPINCOUNT";
    public const string Passive = "PASSIVE";

    /// <summary>
    /// Applies the default when this assembly loads: any code that touches TorchSharp (a test, a user's own tensor code)
    /// may load libtorch before <see cref="TorchRuntime.EnsureLoaded()"/> runs, and after that it is too late.
    /// </summary>
#pragma warning disable CA2255 // a library's initializer on purpose: libgomp reads the policy once, whoever loads libtorch first
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ApplyOnLoad()
    {
        if (!LibTorchNative.IsLoaded) ApplyDefault();
    }

    /// <summary>Sets <see cref="Variable"/> to PASSIVE unless either variable is set; call before libtorch loads.</summary>
    public static void ApplyDefault()
    {
        if (NativeEnvironment.Get(Variable) is { Length: > 0 } || NativeEnvironment.Get(SpinCountVariable) is { Length: > 0 }) return;
        NativeEnvironment.Set(Variable, Passive);
    }

    /// <summary>The policy this process's OpenMP threads run with, as the manifest records it.</summary>
    public static string Current() =>
        NativeEnvironment.Get(Variable) is { Length: > 0 } policy ? policy.ToUpperInvariant()
        : NativeEnvironment.Get(SpinCountVariable) is { Length: > 0 } spins ? $"{SpinCountVariable}={spins}"
        : "ACTIVE (libgomp default)";
}
