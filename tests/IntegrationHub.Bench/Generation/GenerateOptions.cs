namespace IntegrationHub.Bench.Generation;

public sealed record GenerateOptions(int Persons, string OutputDirectory, int Seed, string? ReferenceDirectory);
