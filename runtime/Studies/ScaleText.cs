using System.Globalization;
using DslRunner.Config;
using DslRunner.Data.Corpora;
using DslRunner.Tokenizers;

namespace DslRunner.Studies;

/// <summary>One line saying how big an experiment is: model, data, training — for a report's scale statement.</summary>
public static class ScaleText
{
    public static string Of(ExperimentConfig config)
    {
        string model = config.Model.Describe();
        return string.Create(CultureInfo.InvariantCulture,
            $"{model}; {CorpusCatalog.NameOf(config.Data.Corpus)} corpus, {TokenizerFactory.NameOf(config.Tokenizer.Kind)} tokens, " +
            $"{(config.Data.Bytes is { } bytes ? bytes.ToString("N0", CultureInfo.InvariantCulture) + "-byte" : (config.Data.Tokens ?? 0).ToString("N0", CultureInfo.InvariantCulture) + "-token")} budget; {config.Train.Steps:N0} steps of {config.Train.Batch} sequences, " +
            $"{config.Train.Threads} thread{(config.Train.Threads == 1 ? "" : "s")}");
    }
}
