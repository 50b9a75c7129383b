namespace IntegrationHub.Events.Dispatch;

/// <summary>Whether this process runs the dispatcher as a hosted service, in which case its timer trigger has nothing to do.</summary>
public sealed class DispatcherActivity(bool hosted)
{
    public bool Hosted { get; } = hosted;
}
