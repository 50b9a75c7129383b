namespace IntegrationHub.Platform.Credentials;

public enum PrincipalKind
{
    Department,
    Admin,
    Subscriber,
}
