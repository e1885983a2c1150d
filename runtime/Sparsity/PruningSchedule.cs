using DslRunner.Config;

namespace DslRunner.Sparsity;

/// <summary>How sparsity grows from 0 at Start to the target at End.</summary>
public enum PruningRamp
{
    /// <summary>
    /// s(t) = s_target·(1 − (1 − f)³), f = (t − Start)/(End − Start): prunes fast while many redundant weights
    /// are left and slowly near the target, leaving the network time to recover (Zhu and Gupta, 2017).
    /// </summary>
    Cubic,

    /// <summary>s(t) = s_target·f.</summary>
    Linear,
}

/// <summary>When a <see cref="SparsityConfig"/> prunes, and to which sparsity.</summary>
public sealed class PruningSchedule
{
    readonly SparsityConfig _config;
    readonly PruningRamp _ramp;

    public PruningSchedule(SparsityConfig config, PruningRamp ramp = PruningRamp.Cubic)
    {
        if (config.Target is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(config), config.Target, "target sparsity must lie in [0, 1)");
        if (config.Start < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Start, "pruning cannot start before step 0");
        if (config.End < config.Start) throw new ArgumentOutOfRangeException(nameof(config), config.End, $"pruning must end at or after its start ({config.Start})");
        if (config.Every < 1) throw new ArgumentOutOfRangeException(nameof(config), config.Every, "pruning interval must be at least 1 step");
        _config = config;
        _ramp = ramp;
    }

    public PruningRamp Ramp => _ramp;

    /// <summary>Whether masks are recomputed after this step: every <c>Every</c> steps from Start, and at End.</summary>
    public bool PrunesAt(int step) =>
        step >= _config.Start && step <= _config.End && ((step - _config.Start) % _config.Every == 0 || step == _config.End);

    /// <summary>The latest step up to <paramref name="step"/> at which masks were recomputed; null before Start.</summary>
    public int? LastPruningAtOrBefore(int step)
    {
        if (step < _config.Start) return null;
        if (step >= _config.End) return _config.End;
        return _config.Start + (step - _config.Start) / _config.Every * _config.Every;
    }

    /// <summary>The sparsity scheduled for a step: 0 before Start, the target from End on, the ramp in between.</summary>
    public double SparsityAt(int step)
    {
        if (step >= _config.End) return _config.Target;
        if (step <= _config.Start) return 0;
        double fraction = (double)(step - _config.Start) / (_config.End - _config.Start);
        return _ramp switch
        {
            PruningRamp.Cubic => _config.Target * (1 - Math.Pow(1 - fraction, 3)),
            PruningRamp.Linear => _config.Target * fraction,
            _ => throw new ArgumentOutOfRangeException(nameof(_ramp), _ramp, null),
        };
    }
}
