using System.CommandLine;
using DslRunner.Review;

// dotnet run --project generator/Review -- <base> [<head>] [--markdown] [--exit-code]
var review = ReviewCommand.Create();
var root = new RootCommand(review.Description!);
foreach (var argument in review.Arguments) root.Arguments.Add(argument);
foreach (var option in review.Options) root.Options.Add(option);
root.Action = review.Action;
return root.Parse(args).Invoke();
