using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Native;

/// <summary>
/// Scalars whose lifetime the code decides. TorchSharp turns a number argument (the alpha of <c>a + b</c>, the divisor
/// of <c>t / 2.0</c>) into a native scalar that only a finalizer frees and hands libtorch just its pointer: a garbage
/// collection on another thread during the native call can free it while libtorch reads it (long runs failed, rarely,
/// with "toFloat … Expected false to be true" inside an add). Code that runs per step uses the process-lived scalars
/// here, or the helpers, which dispose theirs after the native call has returned. tests/Native/TemporaryScalarTests
/// finds every other such conversion in runtime/.
/// </summary>
internal static class Scalars
{
    /// <summary>The integer scalars TorchSharp passes for an omitted alpha, start or step, and 0 for comparisons.</summary>
    public static readonly Scalar Zero = 0.ToScalar(), One = 1.ToScalar(), Two = 2.ToScalar();

    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    public static readonly Scalar False = false.ToScalar();

    /// <summary>a + b, with an alpha that is never collected.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a · x (what <c>a * x</c> computes).</summary>
    public static Tensor Times(this Tensor a, double x)
    {
        using var scalar = x.ToScalar();
        return a.mul(scalar);
    }

    /// <summary>a / x (what <c>a / x</c> computes).</summary>
    public static Tensor DividedBy(this Tensor a, double x)
    {
        using var scalar = x.ToScalar();
        return a.div(scalar);
    }

    /// <summary>a / n with an integer scalar (what <c>a / n</c> computes for an integer n).</summary>
    public static Tensor DividedBy(this Tensor a, long n)
    {
        using var scalar = n.ToScalar();
        return a.div(scalar);
    }

    /// <summary>a − x (what <c>a - x</c> computes).</summary>
    public static Tensor Minus(this Tensor a, double x)
    {
        using var scalar = x.ToScalar();
        return a.sub(scalar);
    }

    /// <summary>1 − a, computed as <c>1 - a</c> is: −a + 1.</summary>
    public static Tensor OneMinus(this Tensor a) => a.negative().add(One, One);

    /// <summary>a², as <c>square()</c> computes it (a to the integer power 2).</summary>
    public static Tensor Squared(this Tensor a) => a.pow(Two);

    /// <summary>a &lt; x elementwise.</summary>
    public static Tensor LessThan(this Tensor a, double x)
    {
        using var scalar = x.ToScalar();
        return a.lt(scalar);
    }

    /// <summary>0, 1, …, stop − 1 (what <c>arange(stop)</c> makes).</summary>
    public static Tensor Range(long stop, ScalarType dtype, Device? device = null)
    {
        using var end = stop.ToScalar();
        return arange(Zero, end, One, dtype, device);
    }
}
