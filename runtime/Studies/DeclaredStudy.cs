using System.Diagnostics;
using System.Globalization;
using DslRunner.Statistics;

namespace DslRunner.Studies;

/// <summary>
/// A declared study run end to end: plan arms × seeds under the chosen budget, run them through the launcher (reusing
/// finished runs), judge controls and claims with intervals over seeds, and report.
/// </summary>
public sealed class DeclaredStudy(StudyDefinition definition, IReadOnlyList<IExperiment> registry, IArmLauncher? launcher = null) : IStudy
{
    public StudyDefinition Definition => definition;

    public string Name => definition.Name;

    public string Description => definition.Description;

    public IReadOnlyList<string> BudgetNames => [.. definition.Budgets.Select(b => b.Name).Prepend(StudyDefinition.QuickBudget).Distinct()];

    public StudyReport Run(StudyContext context)
    {
        var budget = definition.Budget(context.BudgetName);
        string loadBefore = LoadAverage();
        var clock = Stopwatch.StartNew();
        var plans = StudyPlanner.Plan(definition, budget, registry);
        var results = (launcher ?? new SweepArmLauncher(registry)).Run(plans, definition, context);
        var (controls, claims) = CheckEvaluator.Judge(definition, results);
        var machine = new MachineLoad(Environment.ProcessorCount, loadBefore, LoadAverage(), clock.Elapsed, Native.CpuInfo.Model);
        return DeclaredStudyReport.Build(definition, budget, results, controls, claims, machine, context);
    }

    /// <summary>The 1-, 5- and 15-minute load averages, where the system reports them.</summary>
    static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "not reported";
        }
        catch (IOException)
        {
            return "not reported";
        }
    }
}

/// <summary>How busy the machine was while a study ran: the wall time means little without it on a shared machine.</summary>
/// <param name="Cpu">The CPU's model name: timings, and which math kernels ran, depend on it.</param>
public sealed record MachineLoad(int Cores, string LoadBefore, string LoadAfter, TimeSpan WallTime, string? Cpu = null)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{WallTime.TotalSeconds:F0} s of wall time on {Cores} cores{(Cpu is null ? "" : $" of {Cpu}")}; load average (1 / 5 / 15 min) {LoadBefore} before, {LoadAfter} after");
}
