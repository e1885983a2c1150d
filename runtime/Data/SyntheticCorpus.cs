using System.Text;

namespace DslRunner.Data;

/// <summary>A dependency planted in the synthetic text: the word at <see cref="Source"/> must be recalled at <see cref="Target"/>.</summary>
/// <param name="Source">Character offset of the word to remember.</param>
/// <param name="Target">Character offset where the same word is repeated.</param>
/// <param name="Length">Length of the word in characters.</param>
/// <param name="Distance">Target − Source, in characters.</param>
public readonly record struct PlantedDependency(int Source, int Target, int Length, int Distance);

/// <summary>Text from <see cref="SyntheticCorpus.Generate"/> and the dependencies planted in it.</summary>
public sealed record SyntheticText(string Text, IReadOnlyList<PlantedDependency> Dependencies);

/// <summary>
/// The built-in corpus: invented words with a small local grammar, plus long-range dependencies at known
/// distances (seed 001). A "keep X" clause names a word that a later "recall X" clause repeats after a
/// declared number of filler sentences, so how far back a model can look is measurable against ground truth.
/// Everything is a pure function of the seed.
/// </summary>
public static class SyntheticCorpus
{
    internal const string Consonants = "bdfgklmnprstvz";
    internal const string Vowels = "aeiou";
    internal static readonly string[] Determiners = ["the", "a", "one", "every"];
    internal static readonly string[] Joiners = ["and", "but", "so", "then"];
    internal const string KeepWord = "keep", RecallWord = "recall";

    /// <summary>Filler sentences between a keep clause and its recall, chosen uniformly from this list.</summary>
    public static readonly int[] RecallGaps = [0, 1, 2, 4, 8];

    /// <summary>The chance that each next item of the text is a keep/recall episode, unless the data declares another.</summary>
    public const double DefaultRecallShare = 0.25;

    /// <summary>The recall share <paramref name="data"/> declares (data.recall_share), or the default.</summary>
    public static double RecallShareOf(Config.DataConfig data) => data.RecallShare ?? DefaultRecallShare;

    /// <summary>The most names a key holds as <paramref name="data"/> declares it (data.recall_names), or 1.</summary>
    public static int RecallNamesOf(Config.DataConfig data) => data.RecallNames ?? 1;

    /// <param name="recallShare">The chance that each next item is a keep/recall episode rather than a plain sentence, in (0, 1].</param>
    /// <param name="recallNames">The most names an episode's key holds: each key is a span of 1 to this many names, drawn
    /// uniformly. At 1 every key is one name and the text is the one written before spans could be declared.</param>
    public static SyntheticText Generate(int seed, int minimumCharacters, double recallShare = DefaultRecallShare, int recallNames = 1)
    {
        if (!(recallShare > 0 && recallShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(recallShare), recallShare, "the recall share must be in (0, 1]");
        if (recallNames < 1)
            throw new ArgumentOutOfRangeException(nameof(recallNames), recallNames, "a key holds at least one name");
        var random = new Random(seed);
        var lexicon = new SyntheticLexicon(random);
        var text = new StringBuilder(minimumCharacters + 256);
        var dependencies = new List<PlantedDependency>();
        while (text.Length < minimumCharacters)
        {
            if (random.NextDouble() < recallShare) AppendRecallEpisode(text, random, lexicon, dependencies, recallNames);
            else AppendSentence(text, random, lexicon);
        }
        return new SyntheticText(text.ToString(), dependencies);
    }

    static void AppendRecallEpisode(StringBuilder text, Random random, SyntheticLexicon lexicon, List<PlantedDependency> dependencies, int recallNames)
    {
        // One name draws no span length, so single-name text stays what it always was.
        string key = recallNames == 1
            ? lexicon.Names[random.Next(lexicon.Names.Length)]
            : KeySpan(random, lexicon, random.Next(1, recallNames + 1));
        text.Append(KeepWord).Append(' ');
        int source = text.Length;
        text.Append(key).Append(". ");
        int gap = RecallGaps[random.Next(RecallGaps.Length)];
        for (int i = 0; i < gap; i++) AppendSentence(text, random, lexicon);
        text.Append(RecallWord).Append(' ');
        int target = text.Length;
        text.Append(key).Append(". ");
        dependencies.Add(new PlantedDependency(source, target, key.Length, target - source));
    }

    /// <summary>A key of <paramref name="names"/> names drawn independently (repeats allowed), separated by spaces.</summary>
    internal static string KeySpan(Random random, SyntheticLexicon lexicon, int names) =>
        string.Join(' ', Enumerable.Range(0, names).Select(_ => lexicon.Names[random.Next(lexicon.Names.Length)]));

    static void AppendSentence(StringBuilder text, Random random, SyntheticLexicon lexicon)
    {
        AppendClause(text, random, lexicon);
        if (random.NextDouble() < 0.3)
        {
            text.Append(' ').Append(Joiners[random.Next(Joiners.Length)]).Append(' ');
            AppendClause(text, random, lexicon);
        }
        text.Append(". ");
    }

    /// <summary>determiner [adjective] noun verb determiner noun — each verb prefers its own objects.</summary>
    static void AppendClause(StringBuilder text, Random random, SyntheticLexicon lexicon)
    {
        text.Append(Determiners[random.Next(Determiners.Length)]).Append(' ');
        if (random.NextDouble() < 0.5) text.Append(lexicon.Adjectives[random.Next(lexicon.Adjectives.Length)]).Append(' ');
        text.Append(lexicon.Nouns[random.Next(lexicon.Nouns.Length)]).Append(' ');
        int verb = random.Next(lexicon.Verbs.Length);
        text.Append(lexicon.Verbs[verb]).Append(' ');
        text.Append(Determiners[random.Next(Determiners.Length)]).Append(' ');
        var objects = lexicon.ObjectsOf[verb];
        text.Append(objects[random.Next(objects.Length)]);
    }
}

/// <summary>
/// The invented words of one seed's synthetic language: nouns, verbs (each with the four objects it takes), adjectives and
/// the names of keep/recall episodes. The text of <see cref="SyntheticCorpus.Generate"/> and its grammar
/// (<see cref="SyntheticGrammar"/>) both come from it.
/// </summary>
public sealed class SyntheticLexicon
{
    public readonly string[] Nouns, Verbs, Adjectives, Names;
    /// <summary>ObjectsOf[v]: the nouns verb v takes as its object.</summary>
    public readonly string[][] ObjectsOf;

    /// <summary>The lexicon of the text <see cref="SyntheticCorpus.Generate"/> writes for <paramref name="seed"/>.</summary>
    public static SyntheticLexicon Of(int seed) => new(new Random(seed));

    internal SyntheticLexicon(Random random)
    {
        var used = new HashSet<string>(SyntheticCorpus.Determiners.Concat(SyntheticCorpus.Joiners).Concat([SyntheticCorpus.KeepWord, SyntheticCorpus.RecallWord]));
        Nouns = Words(random, used, 48, 2, 3);
        Verbs = Words(random, used, 24, 2, 2).Select(v => v + "s").ToArray();
        Adjectives = Words(random, used, 24, 1, 2).Select(a => a + "y").ToArray();
        Names = Words(random, used, 32, 2, 3).Select(n => char.ToUpperInvariant(n[0]) + n[1..]).ToArray();
        ObjectsOf = Verbs.Select(_ => Enumerable.Range(0, 4).Select(_ => Nouns[random.Next(Nouns.Length)]).ToArray()).ToArray();
    }

    static string[] Words(Random random, HashSet<string> used, int count, int minSyllables, int maxSyllables)
    {
        var words = new string[count];
        for (int i = 0; i < count; i++)
        {
            string word;
            do
            {
                var builder = new StringBuilder();
                int syllables = random.Next(minSyllables, maxSyllables + 1);
                for (int s = 0; s < syllables; s++)
                    builder.Append(SyntheticCorpus.Consonants[random.Next(SyntheticCorpus.Consonants.Length)]).Append(SyntheticCorpus.Vowels[random.Next(SyntheticCorpus.Vowels.Length)]);
                word = builder.ToString();
            } while (!used.Add(word));
            words[i] = word;
        }
        return words;
    }
}

/// <summary>A planted dependency in token positions: the token holding the remembered word's first character, and the token holding its repetition's.</summary>
public readonly record struct TokenDependency(int SourceToken, int TargetToken, int Distance);

/// <summary>Synthetic text as tokens, with its planted dependencies located in token positions.</summary>
public sealed record SyntheticTokens(int[] Tokens, IReadOnlyList<TokenDependency> Dependencies)
{
    /// <summary>
    /// Encodes <paramref name="text"/> and maps each dependency's character offsets to token indices. Needs a
    /// tokenizer whose tokens decode one by one back to the text (all of ours do on this ASCII text).
    /// </summary>
    public static SyntheticTokens From(SyntheticText text, DslRunner.Tokenizers.ITokenizer tokenizer)
    {
        int[] tokens = tokenizer.Encode(text.Text);
        var tokenStarts = DslRunner.Tokenizers.TokenOffsets.Starts(tokenizer, tokens, text.Text);
        int TokenAt(int offset) => DslRunner.Tokenizers.TokenOffsets.TokenAt(tokenStarts, offset);
        var dependencies = text.Dependencies.Select(dependency =>
        {
            int source = TokenAt(dependency.Source), target = TokenAt(dependency.Target);
            return new TokenDependency(source, target, target - source);
        }).ToList();
        return new SyntheticTokens(tokens, dependencies);
    }
}
