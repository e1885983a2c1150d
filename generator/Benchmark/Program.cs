// Run: dotnet run -c Release --project generator/Benchmark
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DslRunner.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

// Generator time for 1 and 200 experiment files: a cold run (fresh driver, nothing cached) and a run after
// one file is edited (the driver's caches warm). Each figure is the median of several repetitions.
const int Repetitions = 15;
var compilation = CSharpCompilation.Create("Benchmark", [],
    [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

Console.WriteLine("DslRunner experiment generator timings (median of {0} runs, milliseconds)", Repetitions);
Console.WriteLine();
var first = Stopwatch.StartNew();
Run(Files(1));
Console.WriteLine($"first run in this process (includes JIT): {first.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)}");
Console.WriteLine();
Console.WriteLine("| files | cold run | after one edit |");
Console.WriteLine("|------:|---------:|---------------:|");
foreach (int count in new[] { 1, 200 })
{
    var files = Files(count);
    double cold = Median(Enumerable.Range(0, Repetitions).Select(_ => Time(() => Run(files))));
    var driver = Driver(files).RunGenerators(compilation);
    var edits = new List<double>();
    for (int i = 0; i < Repetitions; i++)
    {
        var current = driver.GetRunResult();
        var target = files[count / 2];
        var edited = new Text(target.Path, Experiment(count / 2, steps: 100 + i + 1));
        driver = driver.ReplaceAdditionalText(target, edited);
        files[count / 2] = edited;
        edits.Add(Time(() => driver = driver.RunGenerators(compilation)));
    }
    Console.WriteLine($"| {count,5} | {cold.ToString("F2", CultureInfo.InvariantCulture),8} | {Median(edits).ToString("F2", CultureInfo.InvariantCulture),14} |");
}
return 0;

void Run(List<AdditionalText> files)
{
    var result = Driver(files).RunGenerators(compilation).GetRunResult();
    if (result.Diagnostics.Length > 0) throw new InvalidOperationException(result.Diagnostics[0].ToString());
}

static GeneratorDriver Driver(IEnumerable<AdditionalText> files) =>
    CSharpGeneratorDriver.Create([new ExperimentGenerator().AsSourceGenerator()], files, CSharpParseOptions.Default, optionsProvider: null,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

static List<AdditionalText> Files(int count) =>
    [.. Enumerable.Range(0, count).Select(i => (AdditionalText)new Text($"/bench/exp-{i:D3}.experiment.yaml", Experiment(i, steps: 100)))];

static string Experiment(int index, int steps) => $$"""
    experiment: bench-{{index:D3}}
    description: Benchmark experiment {{index}}
    seed: {{index}}
    data: { corpus: synthetic, tokens: 400000, validation: 0.05, test: 0.05 }
    tokenizer: { kind: char }
    model: { kind: transformer, layers: 2, d_model: 128, heads: 4, context: 64, head: tied }
    loss:
      - cross_entropy: {}
      - capacity: { weight: 0.1, target: 0.7 }
    train:
      optimizer: { kind: adamw, lr: 3.0e-3, weight_decay: 0.1 }
      schedule: { warmup: 20, decay: cosine }
      batch: 32
      steps: {{steps}}
      eval_every: 50
    decode:
      - greedy: { max_tokens: 160 }
      - top_p: { p: 0.9 }
    eval: { metrics: [loss, perplexity], prompts: ["the "] }
    variants:
      baseline: { loss: [ { cross_entropy: {} } ] }
    sweep: { loss.capacity.weight: [0.01, 1.0] }
    """;

static double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

sealed class Text(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text, Encoding.UTF8);
}
