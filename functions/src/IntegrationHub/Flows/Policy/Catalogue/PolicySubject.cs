namespace IntegrationHub.Flows.Policy.Catalogue;

/// <summary>Who a policy decides on: persons (by person id) or employers (by unified social credit code).</summary>
public enum PolicySubject
{
    Person,
    Employer,
}
