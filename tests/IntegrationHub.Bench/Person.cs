namespace IntegrationHub.Bench;

public sealed record Person(string IdNumber, string Name, string Gender, DateOnly BirthDate, Region Region, string Phone, string Ethnicity);
