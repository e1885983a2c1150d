using DslRunner.Declarations;

namespace DslRunner.Experiments.Pinned;

/// <summary>The pinned tiny study (tiny.study.yaml) declared again in attributed C#: the C# front end in a real build.</summary>
[Study("tiny-study-cs", Description = "Pinned — tiny.study.yaml declared in attributed C#.", Seeds = new[] { 1, 2, 3 })]
[Arm("long", "tiny-study")]
[Arm("short", "tiny-study", Set = new[] { "train.steps=4", "data.train_tokens=1000" })]
[Measures("loss", "capacity", "capacity_init", "bits_per_byte")]
[Control("long-learns", "The long arm lowers its validation loss over training", "loss@last[long] - loss@start[long] < 0")]
[Claim("longer-is-better", "Four times the steps on ten times the text lowers held-out bits per byte",
    "bits_per_byte[long] - bits_per_byte[short] < 0", Source = "pinned", Needs = new[] { "long-learns" })]
[Claim("capacity-falls", "Training lowers C of the token vectors from its value at initialisation",
    "capacity[long] - capacity_init[long] < 0", Source = "pinned", Needs = new[] { "long-learns" })]
[Claim("loss-below-two", "The long arm ends below 2 nats per token on the test split", "loss[long] < 2", Source = "pinned")]
[Budget("quick")]
[Budget("shorter", Set = new[] { "train.steps=8" }, Arms = new[] { "short: train.steps=2" }, Runtime = "a few seconds")]
public static partial class TinyStudyInCSharp;
