namespace DslRunner.Decoding;

/// <summary>
/// A top-p that widens while the text repeats itself (seed 001 §4.2). After each token joins the sequence:
/// if its last <c>n</c> tokens already occurred earlier in it (prompt included), p ← min(1, p + step), so more
/// tokens can be drawn and a loop can be left; otherwise p ← max(base, p − step), back towards the declared
/// value. A step of 0 keeps p fixed.
/// </summary>
public sealed class DynamicTopP
{
    readonly double _baseP;
    readonly double _step;
    readonly int _ngram;

    public DynamicTopP(double baseP, double step, int ngram)
    {
        if (baseP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(baseP), baseP, "top-p must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ngram);
        (_baseP, _step, _ngram, Current) = (baseP, step, ngram, baseP);
    }

    /// <summary>The p of the next step.</summary>
    public double Current { get; private set; }

    public void Observe(IReadOnlyList<int> sequence)
    {
        if (_step == 0) return;
        Current = EndsWithRepeat(sequence, _ngram) ? Math.Min(1, Current + _step) : Math.Max(_baseP, Current - _step);
    }

    /// <summary>Whether the last <paramref name="n"/> tokens also occur starting at an earlier position.</summary>
    public static bool EndsWithRepeat(IReadOnlyList<int> sequence, int n)
    {
        int last = sequence.Count - n;
        if (last <= 0) return false;
        for (int start = 0; start < last; start++)
        {
            int i = 0;
            while (i < n && sequence[start + i] == sequence[last + i]) i++;
            if (i == n) return true;
        }
        return false;
    }
}
