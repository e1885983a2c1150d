namespace DslRunner.Generator;

/// <summary>Names of the generator's pipeline steps, for tests that check what was cached.</summary>
internal static class TrackingNames
{
    public const string RootNamespace = nameof(RootNamespace);
    public const string YamlDocuments = nameof(YamlDocuments);
    public const string CSharpDocuments = nameof(CSharpDocuments);
    public const string Declarations = nameof(Declarations);
    public const string BoundExperiments = nameof(BoundExperiments);
    public const string Specs = nameof(Specs);
    public const string Diagnostics = nameof(Diagnostics);
    public const string DerivedNameClashes = nameof(DerivedNameClashes);
    public const string Registry = nameof(Registry);
    public const string StudyDocuments = nameof(StudyDocuments);
    public const string CodeMeasures = nameof(CodeMeasures);
    public const string ArmTargets = nameof(ArmTargets);
    public const string Studies = nameof(Studies);
}
