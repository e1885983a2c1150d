using System.Globalization;
using DslRunner.Config;
using DslRunner.Data.Corpora;
using DslRunner.Tokenizers;

namespace DslRunner.Data;

/// <summary>
/// Corpus → tokenizer → budget → splits, all determined by the config and the seed. The corpus text comes in the
/// seed's document order. With a token budget the tokenizer is trained on the leading (1 − validation − test) share
/// of the text the budget draws on, and exactly <see cref="DataConfig.Tokens"/> tokens are kept and cut into train /
/// validation / test. With a byte budget (<see cref="DataConfig.Bytes"/>) the text is cut into the three parts first
/// (<see cref="TextSplits"/>), the tokenizer is trained on the training text and each part is encoded on its own, so
/// the texts do not depend on the tokenizer. Training is then cut to <see cref="DataConfig.TrainTokens"/> when set.
/// The result is cached on disk, so a second preparation skips tokenization.
/// </summary>
public static class DataPipeline
{
    /// <summary>The data a run of <paramref name="config"/> trains and is evaluated on: its text, tokenizer and splits.</summary>
    public static PreparedData For(Config.ExperimentConfig config, Action<string>? log = null) =>
        Prepare(config.Data, config.Tokenizer, config.Data.SeedFor(config.Seed),
            DataOptions.Default with { ContextWindow = config.Model.Context, Log = log ?? DataOptions.Default.Log });

    public static PreparedData Prepare(DataConfig data, TokenizerConfig tokenizerConfig, int seed) =>
        Prepare(data, tokenizerConfig, seed, DataOptions.Default);

    public static PreparedData Prepare(DataConfig data, TokenizerConfig tokenizerConfig, int seed, DataOptions options)
    {
        Validate(data);
        var corpus = CorpusCatalog.Open(data, options);
        var cache = options.CacheRoot is null ? null : new TokenCache(options.CacheRoot);
        string key = TokenCache.Key(corpus.Identity, tokenizerConfig, seed, data);
        var cached = cache?.TryRead(key);

        ITokenizer tokenizer;
        TokenSplits splits;
        TextSplits? texts = null;
        bool fromCache;
        if (data.Bytes is { } bytes)
        {
            texts = ReadTexts(corpus, data, bytes, seed);
            fromCache = cached is { Parts: [var train, var validation, var test] } hit && hit.Tokens.Length == train + validation + test;
            if (fromCache)
            {
                tokenizer = cached!.Value.Tokenizer;
                int[] all = cached.Value.Tokens, parts = cached.Value.Parts!;
                splits = new TokenSplits(all[..parts[0]], all[parts[0]..(parts[0] + parts[1])], all[(parts[0] + parts[1])..]);
            }
            else
            {
                tokenizer = TokenizerFactory.Train(tokenizerConfig, texts.Train);
                splits = new TokenSplits(tokenizer.Encode(texts.Train), tokenizer.Encode(texts.Validation), tokenizer.Encode(texts.Test));
                cache?.Write(key, tokenizer, [.. splits.Train, .. splits.Validation, .. splits.Test],
                    [splits.Train.Length, splits.Validation.Length, splits.Test.Length]);
            }
        }
        else
        {
            fromCache = cached is { } hit && hit.Tokens.Length == data.Tokens;
            int[] tokens;
            (tokenizer, tokens) = fromCache ? (cached!.Value.Tokenizer, cached.Value.Tokens) : Tokenize(corpus, data, tokenizerConfig, seed);
            if (!fromCache) cache?.Write(key, tokenizer, tokens);
            splits = TokenSplits.Cut(tokens, data.Validation, data.Test);
        }

        splits = splits.WithTrainingPrefix(data.TrainTokens);
        RequireContextWindow(splits, data, options.ContextWindow, corpus);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{data.Corpus} corpus, {tokenizer.Name} tokenizer (vocabulary {tokenizer.VocabularySize:N0}), " +
            $"{splits.Train.Length:N0} / {splits.Validation.Length:N0} / {splits.Test.Length:N0} train / validation / test tokens" +
            $"{(texts is null ? "" : " of " + texts.TotalBytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes of text")}");
        return new PreparedData(tokenizer, splits, description) { FromCache = fromCache, Texts = texts };
    }

    /// <summary>The first <paramref name="bytes"/> bytes of the corpus text in the seed's order, cut into the three parts.</summary>
    static TextSplits ReadTexts(ICorpus corpus, DataConfig data, long bytes, int seed)
    {
        // A character is at least one UTF-8 byte, so this many characters hold the budget when the corpus has it.
        string text = corpus.ReadText(seed, checked((int)bytes));
        long available = System.Text.Encoding.UTF8.GetByteCount(text);
        if (available < bytes)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{corpus.Description} holds {available:N0} bytes of text, fewer than the budget of {bytes:N0} bytes: set data bytes to at most {available:N0}"));
        return TextSplits.Cut(text, bytes, data.Validation, data.Test);
    }

    static (ITokenizer Tokenizer, int[] Tokens) Tokenize(ICorpus corpus, DataConfig data, TokenizerConfig config, int seed)
    {
        int budget = checked((int)data.Tokens!.Value);
        int wanted = budget;
        string text = corpus.ReadText(seed, wanted);
        ITokenizer? tokenizer = null;
        while (true)
        {
            int end = PrefixEnd(text, wanted);
            tokenizer ??= TokenizerFactory.Train(config, text[..TrainingEnd(end, data)]);
            int[] tokens = tokenizer.Encode(text[..end]);
            if (tokens.Length >= budget) return (tokenizer, tokens[..budget]);
            wanted = (int)Math.Min(int.MaxValue, 2L * wanted);
            if (end == text.Length)
            {
                string more = corpus.ReadText(seed, wanted);
                if (more.Length <= text.Length)
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"{corpus.Description} gives {tokens.Length:N0} tokens with the {tokenizer.Name} tokenizer " +
                        $"({text.Length:N0} characters), fewer than the budget of {budget:N0} tokens: set data tokens to at most {tokens.Length:N0}"));
                text = more;
            }
        }
    }

    /// <summary>The first whitespace at or after <paramref name="wanted"/> characters, so no word is cut in two.</summary>
    static int PrefixEnd(string text, int wanted)
    {
        if (wanted >= text.Length) return text.Length;
        int space = text.AsSpan(wanted).IndexOfAny(' ', '\n');
        return space < 0 ? text.Length : wanted + space;
    }

    static int TrainingEnd(int end, DataConfig data) =>
        Math.Clamp((int)Math.Round(end * (1 - data.Validation - data.Test)), 1, Math.Max(1, end));

    static void Validate(DataConfig data)
    {
        if ((data.Tokens is null) == (data.Bytes is null))
            throw new ArgumentException("data needs exactly one budget: tokens or bytes", nameof(data));
        if (data.Tokens is { } tokens && (tokens <= 0 || tokens > int.MaxValue))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the token budget must be between 1 and {int.MaxValue:N0} (got {tokens:N0})"), nameof(data));
        if (data.Bytes is { } bytes && (bytes <= 0 || bytes > int.MaxValue))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the byte budget must be between 1 and {int.MaxValue:N0} (got {bytes:N0})"), nameof(data));
        if (data.Validation < 0 || data.Test < 0 || data.Validation + data.Test >= 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"validation ({data.Validation}) and test ({data.Test}) must be non-negative and leave training tokens"), nameof(data));
    }

    static void RequireContextWindow(TokenSplits splits, DataConfig data, int context, ICorpus corpus)
    {
        if (context <= 0) return;
        foreach (var (name, length, fraction) in new[]
                 {
                     ("train", splits.Train.Length, 1.0),
                     ("validation", splits.Validation.Length, data.Validation),
                     ("test", splits.Test.Length, data.Test),
                 })
        {
            if (fraction > 0 && length < context + 1)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{corpus.Description}: the {name} split holds {length:N0} tokens, fewer than one context window " +
                    $"({context + 1:N0} tokens); raise data tokens or the {name} share"));
        }
    }
}
