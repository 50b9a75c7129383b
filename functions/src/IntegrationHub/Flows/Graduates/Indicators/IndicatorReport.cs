using IntegrationHub.Flows.Graduates.Rules;

namespace IntegrationHub.Flows.Graduates.Indicators;

/// <summary>A cohort's indicators grouped <see cref="By"/> (district, school or major), with the total and the targets.</summary>
public sealed record IndicatorReport(int Cohort, string By, Targets Targets, IndicatorGroup Total, IReadOnlyList<IndicatorGroup> Groups);
