using DslRunner.Review;

// dotnet run --project generator/Review -- <base> [<head>] [--markdown] [--exit-code]
return ReviewCommand.Standalone().Parse(args).Invoke();
