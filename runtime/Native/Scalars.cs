using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Native;

/// <summary>
/// Scalars that live as long as the process. TorchSharp turns a number argument (the alpha of <c>a + b</c>, for one)
/// into a native scalar that only a finalizer frees and hands libtorch just its pointer: a garbage collection on
/// another thread during the native call can free it while libtorch reads it (long decoding runs failed, rarely, with
/// "toFloat … Expected false to be true" inside an add). Hot paths pass these instead.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>a + b, with an alpha that is never collected.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);
}
