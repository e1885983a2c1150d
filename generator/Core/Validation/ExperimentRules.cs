using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Validation;

/// <summary>
/// Rules that span several keys, checked on a bound experiment whatever front end declared it.
/// Each rule reports at the value that is most likely wrong.
/// </summary>
public static class ExperimentRules
{
    public static void Check(RecordValue experiment, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        var data = experiment.ValueOf("data") as RecordValue;
        var tokenizer = experiment.ValueOf("tokenizer") as RecordValue;
        var model = experiment.ValueOf("model") as RecordValue;
        var train = experiment.ValueOf("train") as RecordValue;
        if (data is null || tokenizer is null || model is null || train is null) return;

        CheckBudget(data, fallback, diagnostics);
        CheckFractions(data, fallback, diagnostics);
        CheckCorpusPath(data, fallback, diagnostics);
        CheckSyntheticKeys(data, fallback, diagnostics);
        CheckVocabulary(tokenizer, fallback, diagnostics);
        CheckModel(model, fallback, diagnostics);
        CheckSchedule(train, fallback, diagnostics);
        if (train.ValueOf("early_stopping") is RecordValue stopping && experiment.ValueOf("eval") is RecordValue eval)
            CheckEarlyStopping(stopping, eval, fallback, diagnostics);
        if (experiment.ValueOf("sparsity") is RecordValue sparsity) CheckSparsity(sparsity, train, fallback, diagnostics);
        if (experiment.ValueOf("decode") is ListValue decoders) CheckDecoders(decoders, model, fallback, diagnostics);
    }

    /// <summary>What builds but is probably not what was meant (warnings only), checked once the rules above hold.</summary>
    public static void Warn(RecordValue experiment, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        if (experiment.ValueOf("decode") is ListValue { Items.Count: > 0 } decoders
            && experiment.ValueOf("eval") is RecordValue eval && eval.ValueOf("prompts") is ListValue { Items.Count: 0 })
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DecodersWithoutPrompts, decoders.Span ?? experiment.SpanOf("decode") ?? fallback,
                decoders.Items.Count == 1 ? "a decoder is" : decoders.Items.Count.ToString(CultureInfo.InvariantCulture) + " decoders are"));
    }

    /// <summary>Early stopping watches a figure every evaluation measures: the loss, or a figure of a listed metric.</summary>
    static void CheckEarlyStopping(RecordValue stopping, RecordValue eval, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        if (stopping.ValueOf("metric") is not StringValue metric) return;
        var listed = eval.ValueOf("metrics") is ListValue metrics ? metrics.Items.Select(m => m switch { EnumValue choice => choice.Choice, StringValue text => text.Value, _ => "" }).ToList() : [];
        var measured = ExperimentSchema.ValidationFigures
            .Where(figure => figure == "loss" || listed.Any(m => ExperimentSchema.MetricFigures.TryGetValue(m, out var figures) && figures.Contains(figure)))
            .ToList();
        if (measured.Contains(metric.Value)) return;
        string why = ExperimentSchema.ValidationFigures.Contains(metric.Value) ? $" (list it in eval.metrics)" : "";
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnwatchableStoppingMetric, metric.Span ?? stopping.Span ?? fallback,
            metric.Value, why, string.Join(", ", measured)));
    }

    static void CheckBudget(RecordValue data, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        bool tokens = data.ValueOf("tokens") is not (null or NullValue), bytes = data.ValueOf("bytes") is not (null or NullValue);
        if (tokens != bytes) return;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DataBudget,
            (tokens ? data.SpanOf("bytes") : null) ?? data.Span ?? fallback,
            tokens ? "sets both tokens and bytes" : "sets neither tokens nor bytes"));
    }

    static void CheckFractions(RecordValue data, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        double validation = data.NumberOf("validation") ?? 0, test = data.NumberOf("test") ?? 0;
        if (validation + test >= 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.FractionsTooLarge,
                data.ValueOf("test")?.Span ?? data.SpanOf("validation") ?? fallback,
                Format(validation), Format(test), Format(validation + test)));
    }

    static void CheckCorpusPath(RecordValue data, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        if (data.ValueOf("corpus") is EnumValue corpus && ExperimentSchema.Corpus.Find(corpus.Choice) is { ReadsPath: true }
            && data.ValueOf("path") is NullValue)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingCorpusPath, corpus.Span ?? data.Span ?? fallback, corpus.Choice));
    }

    static void CheckSyntheticKeys(RecordValue data, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        const string synthetic = "synthetic";
        if (data.ValueOf("corpus") is not EnumValue corpus || corpus.Choice == synthetic) return;
        foreach (string key in ExperimentSchema.SyntheticOnlyKeys)
            if (data.ValueOf(key) is { } value and not NullValue)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.KeyOfAnotherCorpus, value.Span ?? data.Span ?? fallback, key, synthetic, corpus.Choice));
    }

    static void CheckVocabulary(RecordValue tokenizer, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        if (tokenizer.ValueOf("kind") is not EnumValue kind || tokenizer.IntegerOf("vocab") is not long vocab || vocab == 0) return;
        var span = tokenizer.SpanOf("vocab") ?? fallback;
        var tokenizerKind = ExperimentSchema.TokenizerKind.Find(kind.Choice);
        if (tokenizerKind is null) return;
        var minimum = tokenizerKind.MinimumVocabulary;
        string? problem =
            vocab < minimum.Size
                ? $"it needs at least {Format(minimum.Size)} ({minimum.Reason})"
            : tokenizerKind.FixedVocabulary > 0 && vocab != tokenizerKind.FixedVocabulary
                ? $"its vocabulary is fixed at {Format(tokenizerKind.FixedVocabulary)}; leave vocab out"
            : tokenizerKind.VocabularyOfCorpus
                ? "its vocabulary is the corpus's characters; leave vocab out"
            : null;
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.VocabularyTooSmall, span, Format(vocab), kind.Choice, problem));
    }

    static void CheckModel(RecordValue model, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        if (model.Tag == ExperimentSchema.Transformer.Tag
            && model.IntegerOf("d_model") is long width && model.IntegerOf("heads") is long heads && width % heads != 0)
        {
            long suggestion = NearestDivisor(width, heads);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.HeadsDoNotDivideWidth,
                model.SpanOf("heads") ?? fallback, Format(width), Format(heads), Format(suggestion)));
        }
        else if (model.Tag == ExperimentSchema.Transformer.Tag && model.ValueOf("positions") is EnumValue { Choice: "rope" }
                 && model.IntegerOf("d_model") is long d && model.IntegerOf("heads") is long h && h > 0 && d / h % 2 != 0)
        {
            // The nearest head count below that divides d_model into even head sizes, if any.
            long even = Enumerable.Range(1, (int)System.Math.Min(h, int.MaxValue)).Select(i => h - i + 1).FirstOrDefault(c => d % c == 0 && d / c % 2 == 0);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.OddRotaryHeadSize, model.SpanOf("heads") ?? fallback,
                Format(d), Format(h), Format(d / h), even > 0 ? $"; try heads: {Format(even)}" : ""));
        }
        if (model.Tag == ExperimentSchema.Lstm.Tag && model.ValueOf("head") is EnumValue { Choice: "tied" }
            && model.IntegerOf("embedding") is long embedding && model.IntegerOf("hidden") is long hidden && embedding != hidden)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.TiedHeadShape,
                model.SpanOf("head") ?? fallback, Format(embedding), Format(hidden)));
    }

    static void CheckSchedule(RecordValue train, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        if (train.ValueOf("schedule") is RecordValue schedule
            && schedule.IntegerOf("warmup") is long warmup && train.IntegerOf("steps") is long steps && warmup > steps)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.StepsOutOfOrder, schedule.SpanOf("warmup") ?? fallback,
                $"train.schedule.warmup ({Format(warmup)}) must not exceed train.steps ({Format(steps)})"));
    }

    static void CheckSparsity(RecordValue sparsity, RecordValue train, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        long start = sparsity.IntegerOf("start") ?? 0, end = sparsity.IntegerOf("end") ?? 0, steps = train.IntegerOf("steps") ?? 0;
        if (start >= end)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.StepsOutOfOrder, sparsity.SpanOf("end") ?? fallback,
                $"sparsity.end ({Format(end)}) must come after sparsity.start ({Format(start)})"));
        else if (end > steps)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.StepsOutOfOrder, sparsity.SpanOf("end") ?? fallback,
                $"sparsity.end ({Format(end)}) must not exceed train.steps ({Format(steps)})"));
    }

    static void CheckDecoders(ListValue decoders, RecordValue model, SourceSpan fallback, List<DiagnosticInfo> diagnostics)
    {
        var offered = ExperimentSchema.Model.Find(model.Tag)?.Provides ?? [];
        var keys = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var decoder in decoders.Items.OfType<RecordValue>())
        {
            if (ExperimentSchema.Decode.Find(decoder.Tag)?.Needs is { } need && !offered.Contains(need))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DecoderNeedsFeature,
                    decoder.Span ?? fallback, decoder.Tag, need, model.Tag));
            string key = decoder.Tag;
            if (decoder.ValueOf(ExperimentSchema.DecoderName.Key) is StringValue name)
            {
                if (!MetricKey.IsValid(name.Value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.InvalidDecoderName, name.Span ?? decoder.Span ?? fallback, name.Value,
                        "it names the metrics decode/<name>/..., so it must be " + MetricKey.Form));
                    continue;
                }
                key = name.Value;
            }
            if (!keys.Add(key))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateDecoderKey,
                    decoder.SpanOf(ExperimentSchema.DecoderName.Key) ?? fallback, key, $"this {decoder.Tag} decoder"));
        }
    }

    /// <summary>The divisor of <paramref name="width"/> closest to <paramref name="heads"/>, searched outward a bounded distance (1 always divides).</summary>
    static long NearestDivisor(long width, long heads)
    {
        for (long distance = 0; distance <= 4096; distance++)
        {
            if (heads - distance >= 1 && width % (heads - distance) == 0) return heads - distance;
            if (heads + distance <= width && width % (heads + distance) == 0) return heads + distance;
        }
        return 1;
    }

    static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
