namespace IntegrationHub.Flows.Policy.Decisions;

/// <summary>Why a policy request was refused; the handler maps each to an HTTP status.</summary>
public enum PolicyRefusal
{
    Invalid,
    NotFound,
}
