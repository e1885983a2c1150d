namespace DslRunner.Data;

/// <summary>How many sentences of a text were judged and how many of them parse.</summary>
public readonly record struct GrammarCount(int Sentences, int Parsed)
{
    public double Rate => Sentences == 0 ? double.NaN : (double)Parsed / Sentences;

    public static GrammarCount operator +(GrammarCount a, GrammarCount b) => new(a.Sentences + b.Sentences, a.Parsed + b.Parsed);
}

/// <summary>
/// The grammar <see cref="SyntheticCorpus"/> writes, as a checker: a sentence is "keep Name", "recall Name", or a clause
/// optionally joined to a second by a joiner, where a clause is "determiner [adjective] noun verb determiner object" and the
/// object is one of the four nouns its verb takes. Sentences end with "." and are separated by one space. Whether a recall
/// names the word its keep named is a dependency, not grammar: it is not checked here.
/// </summary>
public sealed class SyntheticGrammar(SyntheticLexicon lexicon)
{
    readonly HashSet<string> _determiners = [.. SyntheticCorpus.Determiners], _joiners = [.. SyntheticCorpus.Joiners];
    readonly HashSet<string> _adjectives = [.. lexicon.Adjectives], _nouns = [.. lexicon.Nouns], _names = [.. lexicon.Names];
    readonly Dictionary<string, HashSet<string>> _objectsOf = lexicon.Verbs
        .Select((verb, v) => (verb, objects: new HashSet<string>(lexicon.ObjectsOf[v])))
        .ToDictionary(p => p.verb, p => p.objects, StringComparer.Ordinal);

    /// <summary>The grammar of the text the corpus writes for <paramref name="seed"/> (its <c>data.seed</c>).</summary>
    public static SyntheticGrammar For(int seed) => new(SyntheticLexicon.Of(seed));

    enum Outcome { Fail, Prefix, Complete }

    /// <summary>
    /// Judges every sentence of <paramref name="text"/>: each one ended by "." counts and parses or not. An unfinished
    /// sentence at the end (no "." yet) counts only when it cannot be the start of any sentence: text cut off by a length
    /// limit is not charged, text that has already gone wrong is.
    /// </summary>
    public GrammarCount Check(string text)
    {
        var pieces = text.Split('.');
        int sentences = 0, parsed = 0;
        for (int i = 0; i < pieces.Length; i++)
        {
            bool last = i == pieces.Length - 1;
            if (last && pieces[i].Length == 0) break;
            var outcome = Sentence(Words(pieces[i], first: i == 0));
            if (last)
            {
                if (outcome == Outcome.Fail) sentences++;
                break;
            }
            sentences++;
            if (outcome == Outcome.Complete) parsed++;
        }
        return new GrammarCount(sentences, parsed);
    }

    /// <summary>Whether one sentence, without its final ".", parses.</summary>
    public bool Parses(string sentence) => Sentence(Words(sentence, first: true)) == Outcome.Complete;

    /// <summary>The words of a sentence body: after the previous sentence's "." comes exactly one space (none at the text's start).</summary>
    static string[] Words(string body, bool first)
    {
        if (body.StartsWith(' ')) body = body[1..];
        else if (!first && body.Length > 0) return [""]; // "x.y": no space after the period
        return body.Length == 0 ? [] : body.Split(' ');
    }

    Outcome Sentence(string[] words)
    {
        if (words.Length == 0) return Outcome.Prefix;
        if (words[0] is SyntheticCorpus.KeepWord or SyntheticCorpus.RecallWord)
            return words.Length == 1 ? Outcome.Prefix : words.Length == 2 && _names.Contains(words[1]) ? Outcome.Complete : Outcome.Fail;
        int at = 0;
        var first = Clause(words, ref at);
        if (first != Outcome.Complete || at == words.Length) return first;
        if (!_joiners.Contains(words[at++])) return Outcome.Fail;
        var second = Clause(words, ref at);
        return second == Outcome.Complete && at != words.Length ? Outcome.Fail : second;
    }

    /// <summary>determiner [adjective] noun verb determiner object-of-the-verb, from words[at].</summary>
    Outcome Clause(string[] words, ref int at)
    {
        if (at == words.Length) return Outcome.Prefix;
        if (!_determiners.Contains(words[at++])) return Outcome.Fail;
        if (at == words.Length) return Outcome.Prefix;
        if (_adjectives.Contains(words[at])) at++;
        if (at == words.Length) return Outcome.Prefix;
        if (!_nouns.Contains(words[at++])) return Outcome.Fail;
        if (at == words.Length) return Outcome.Prefix;
        if (!_objectsOf.TryGetValue(words[at++], out var objects)) return Outcome.Fail;
        if (at == words.Length) return Outcome.Prefix;
        if (!_determiners.Contains(words[at++])) return Outcome.Fail;
        if (at == words.Length) return Outcome.Prefix;
        return objects.Contains(words[at++]) ? Outcome.Complete : Outcome.Fail;
    }
}
