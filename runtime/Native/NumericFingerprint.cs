using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Native;

/// <summary>
/// One hash per kernel family the models use — matrix products at the pinned experiments' shapes, attention, LayerNorm,
/// GELU, softmax with cross-entropy, the embedding's backward, an LSTM, exp/log and long sums, and the AdamW step — each
/// computed on fixed inputs in this process's numeric mode. Two machines whose hashes agree for a family run that
/// family's kernels to the same bits; a family that differs is where a run's bits part. Inputs come from an integer
/// generator (never libtorch's, whose sampling kernels are themselves CPU-dependent) as floats with 24-bit mantissas.
/// </summary>
public static class NumericFingerprint
{
    /// <summary>The families, in the order they are printed; each returns the tensors whose bytes it hashes.</summary>
    public static readonly IReadOnlyList<(string Name, string Covers, Func<Tensor[]> Compute)> Families =
    [
        ("matmul", "linear layers at tiny-gpt's shapes (256×32 · 32×128, 256×128 · 128×32, 256×32 · 32×64), forward and both gradients", MatrixProducts),
        ("attention", "causal scaled-dot-product attention (8 × 2 heads × 32 × 16), forward and backward", Attention),
        ("layer_norm", "LayerNorm over 32 features (256 rows), forward and backward", LayerNorm),
        ("gelu", "GELU (exact erf form), forward and backward", Gelu),
        ("cross_entropy", "log-softmax and mean cross-entropy over 64 classes (256 rows), forward and backward", CrossEntropy),
        ("embedding_backward", "an embedding lookup with repeated indices, its gradient accumulated per row", EmbeddingBackward),
        ("lstm", "a one-layer LSTM (24 → 32, 8 × 32 steps), forward and backward", Lstm),
        ("exp_log_sum", "elementwise exp, log, tanh and sqrt, and sums over 65,536 elements", ExpLogSum),
        ("adamw", "five steps of the runtime's AdamW (lr 1e-2, weight decay 0.1) on a 128 × 32 matrix", AdamW),
    ];

    /// <summary>Computes every family in this process (libtorch loaded in its mode) on <paramref name="threads"/> threads.</summary>
    public static IReadOnlyList<(string Family, string Hash)> Compute(int threads)
    {
        TorchRuntime.EnsureLoaded();
        if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        var hashes = new List<(string, string)>();
        foreach (var (name, _, compute) in Families)
        {
            using var scope = torch.NewDisposeScope();
            hashes.Add((name, Hash(compute())));
        }
        return hashes;
    }

    /// <summary>The text `numeric fingerprint` prints: a header naming the machine and mode, then one family a line.</summary>
    public static string Render(IReadOnlyList<(string Family, string Hash)> hashes, int threads)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# mode: {NumericPins.Name(TorchRuntime.Mode)}\n");
        text.Append(CultureInfo.InvariantCulture, $"# cpu: {CpuInfo.Identity}\n");
        text.Append(CultureInfo.InvariantCulture, $"# threads: {threads}\n");
        text.Append(CultureInfo.InvariantCulture, $"# aten: {LibTorchNative.CpuCapability() ?? "unknown"}; libtorch {torch.__version__}\n");
        text.Append(CultureInfo.InvariantCulture, $"# mkl: {LibTorchNative.MklVersion() ?? "unknown"}\n");
        text.Append(CultureInfo.InvariantCulture, $"# onednn: {LibTorchNative.OneDnnVersion() ?? "unknown"}\n");
        foreach (string name in NumericPins.Variables)
            text.Append(CultureInfo.InvariantCulture, $"# {name}: {NativeEnvironment.Get(name) ?? "(unset)"}\n");
        foreach (var (family, hash) in hashes) text.Append(CultureInfo.InvariantCulture, $"{family,-20}{hash}\n");
        return text.ToString();
    }

    /// <summary>A fingerprint read back from its text: the header lines (without "# ") and the family hashes.</summary>
    public sealed record Parsed(IReadOnlyDictionary<string, string> Header, IReadOnlyDictionary<string, string> Hashes)
    {
        public string Mode => Header.GetValueOrDefault("mode") ?? "";
        public string Cpu => Header.GetValueOrDefault("cpu") ?? "";
        public string Threads => Header.GetValueOrDefault("threads") ?? "";

        /// <summary>The families whose hashes differ from <paramref name="other"/>'s (a family missing on one side included).</summary>
        public IReadOnlyList<string> DifferingFamilies(Parsed other) =>
            [.. Hashes.Keys.Union(other.Hashes.Keys).Where(f => Hashes.GetValueOrDefault(f) != other.Hashes.GetValueOrDefault(f)).Order(StringComparer.Ordinal)];
    }

    public static Parsed Parse(string text)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 2) header[line[2..colon]] = line[(colon + 2)..];
            }
            else if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var family, var hash])
                hashes[family] = hash;
        }
        return new Parsed(header, hashes);
    }

    static string Hash(Tensor[] outputs)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var output in outputs)
        {
            using var contiguous = output.detach().contiguous().to(ScalarType.Float32);
            sha.AppendData(MemoryMarshal.AsBytes(contiguous.data<float>().ToArray().AsSpan()));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>Fixed inputs: splitmix64 of (stream, index), as a float in [-scale, scale) with a 24-bit mantissa.</summary>
    static Tensor Input(int stream, float scale, params long[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            ulong z = unchecked((ulong)stream * 0x9E3779B97F4A7C15UL + (ulong)i * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            values[i] = ((z >> 40) / (float)(1 << 24) * 2 - 1) * scale;
        }
        return torch.tensor(values, shape);
    }

    static Tensor Leaf(int stream, float scale, params long[] shape) => Input(stream, scale, shape).requires_grad_(true);

    /// <summary>Backpropagates a fixed weighting of <paramref name="output"/> (so every output element's gradient differs).</summary>
    static void Backward(Tensor output, int stream)
    {
        using var weights = Input(stream, 1f, output.shape);
        using var weighted = (output * weights).sum();
        weighted.backward();
    }

    static Tensor[] MatrixProducts()
    {
        var x = Leaf(1, 1f, 256, 32);
        var up = Leaf(2, 0.2f, 128, 32);
        var upBias = Leaf(3, 0.1f, 128);
        var down = Leaf(4, 0.1f, 32, 128);
        var head = Leaf(5, 0.2f, 64, 32);
        var hidden = nn.functional.linear(x, up, upBias);
        var back = nn.functional.linear(hidden, down);
        var logits = nn.functional.linear(back, head);
        Backward(logits, 6);
        return [hidden, back, logits, x.grad!, up.grad!, upBias.grad!, down.grad!, head.grad!];
    }

    static Tensor[] Attention()
    {
        var q = Leaf(11, 1f, 8, 2, 32, 16);
        var k = Leaf(12, 1f, 8, 2, 32, 16);
        var v = Leaf(13, 1f, 8, 2, 32, 16);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        Backward(attended, 14);
        return [attended, q.grad!, k.grad!, v.grad!];
    }

    static Tensor[] LayerNorm()
    {
        var x = Leaf(21, 2f, 256, 32);
        var weight = Leaf(22, 1f, 32);
        var bias = Leaf(23, 0.5f, 32);
        var normed = nn.functional.layer_norm(x, [32], weight, bias, 1e-5);
        Backward(normed, 24);
        return [normed, x.grad!, weight.grad!, bias.grad!];
    }

    static Tensor[] Gelu()
    {
        var x = Leaf(31, 4f, 256, 128);
        var activated = nn.functional.gelu(x);
        Backward(activated, 32);
        return [activated, x.grad!];
    }

    static Tensor[] CrossEntropy()
    {
        var logits = Leaf(41, 4f, 256, 64);
        using var targets = torch.tensor(Enumerable.Range(0, 256).Select(i => (long)(i * 37 % 64)).ToArray());
        var logProbabilities = nn.functional.log_softmax(logits, 1);
        var loss = nn.functional.cross_entropy(logits, targets);
        loss.backward();
        return [logProbabilities, loss, logits.grad!];
    }

    static Tensor[] EmbeddingBackward()
    {
        using var embedding = nn.Embedding(64, 32);
        using (torch.no_grad()) embedding.weight!.copy_(Input(51, 1f, 64, 32));
        using var indices = torch.tensor(Enumerable.Range(0, 8 * 32).Select(i => (long)(i * i % 61)).ToArray(), [8, 32]);
        var looked = embedding.call(indices);
        Backward(looked, 52);
        return [looked, embedding.weight!.grad!.clone()];
    }

    static Tensor[] Lstm()
    {
        using var lstm = nn.LSTM(24, 32, batchFirst: true);
        using (torch.no_grad())
        {
            int stream = 61;
            foreach (var parameter in lstm.parameters())
                parameter.copy_(Input(stream++, 0.2f, parameter.shape));
        }
        var x = Leaf(70, 1f, 8, 32, 24);
        var (output, hidden, cell) = lstm.call(x);
        Backward(output, 71);
        return [output, hidden, cell, x.grad!, .. lstm.parameters().Select(p => p.grad!.clone())];
    }

    static Tensor[] ExpLogSum()
    {
        var x = Input(81, 4f, 65536);
        var exp = x.exp();
        var log = exp.log();
        var tanh = x.tanh();
        var sqrt = exp.sqrt();
        return [exp, log, tanh, sqrt, x.sum(), exp.sum(), x.reshape(256, 256).sum(1), exp.mean()];
    }

    static Tensor[] AdamW()
    {
        using var weight = new TorchSharp.Modules.Parameter(Input(91, 0.2f, 128, 32));
        using var optimizer = new Training.Optimizers.AdamW([new TorchSharp.Modules.AdamW.ParamGroup([weight], lr: 1e-2, weight_decay: 0.1)], lr: 1e-2);
        for (int step = 0; step < 5; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Backward(weight, 92 + step);
            optimizer.step();
        }
        return [weight.detach().clone()];
    }
}
