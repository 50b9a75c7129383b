using IntegrationHub.Flows.Federation.Trust;
using IntegrationHub.Identity;
using IntegrationHub.Identity.Published;
using IntegrationHub.Labor.Graduates;
using IntegrationHub.Labor.Published;

namespace IntegrationHub.Flows.Federation.Transfers;

/// <summary>The operator's side of transfers: request one (the relay then sends it), read one with its history, and at the
/// destination decide one that waits for a decision.</summary>
public sealed class TransferService
{
    private readonly NpgsqlDataSource dataSource;
    private readonly TrustSettings trust;
    private readonly PersonDirectory persons;
    private readonly PersonFacts facts;
    private readonly GraduateFacts graduates;
    private readonly GraduateFollowUps followUps;
    private readonly IdentityProtector protector;
    private readonly TransferDecisions decisions;
    private readonly AuditLog audit;
    private readonly HubCalendar calendar;

    internal TransferService(NpgsqlDataSource dataSource, TrustSettings trust, PersonDirectory persons, PersonFacts facts,
        GraduateFacts graduates, GraduateFollowUps followUps, IdentityProtector protector, TransferDecisions decisions, AuditLog audit,
        HubCalendar calendar)
    {
        this.dataSource = dataSource;
        this.trust = trust;
        this.persons = persons;
        this.facts = facts;
        this.graduates = graduates;
        this.followUps = followUps;
        this.protector = protector;
        this.decisions = decisions;
        this.audit = audit;
        this.calendar = calendar;
    }

    /// <summary>Records a transfer of the person to the peer region (status <c>requested</c>); the same id again returns the
    /// transfer as it stands. <paramref name="trigger"/> says what asked for it (<c>operator</c>, <c>ps/move-out</c>…).</summary>
    public async Task<TransferView> RequestAsync(Guid? id, string? personId, string? toRegion, string? reason, string trigger, string actor,
        CancellationToken cancellationToken)
    {
        var signer = trust.Signer ?? throw Refuse(TransferRefusalKind.BadRequest, "federation-off", "", "This hub has no federation configured.");
        if (!PersonId.TryParse(personId, out var person))
        {
            throw Refuse(TransferRefusalKind.BadRequest, "required", "/personId", "personId is a person id (P and digits).");
        }

        if (toRegion is null || trust.Peer(toRegion) is null)
        {
            throw Refuse(TransferRefusalKind.BadRequest, "unknown-peer", "/toRegion", "toRegion is the region of a registered peer hub.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw Refuse(TransferRefusalKind.BadRequest, "required", "/reason", "reason is a non-empty string of at most 500 characters.");
        }

        if (!await persons.ExistsAsync(person, cancellationToken))
        {
            throw Refuse(TransferRefusalKind.NotFound, "unknown-person", "/personId", $"{PersonId.Format(person)} is not a person of this hub.");
        }

        // A request repeating a transfer's id answers that transfer; any other for a person who has left is refused.
        var existing = id is { } given ? await TransferStore.ViewAsync(dataSource, given, cancellationToken) : null;
        if (existing is null && await TransferStore.IsAwayAsync(dataSource, person, cancellationToken))
        {
            throw Refuse(TransferRefusalKind.Conflict, "transferred-out", "/personId",
                $"{PersonId.Format(person)} has already been transferred out of this hub.");
        }

        var idNumber = await persons.ReadIdNumberAsync(person, cancellationToken) ?? throw Refuse(TransferRefusalKind.Conflict,
            "no-identity-number", "/personId", "The person has no trusted identity number, by which the destination would link them.");
        var transferId = id ?? Guid.CreateVersion7(calendar.Now);
        var now = calendar.Now;
        var package = await TransferPackage.BuildAsync(persons, facts, graduates, followUps, person, transferId, signer.Region, toRegion, reason.Trim(), calendar.Today,
            now, cancellationToken);
        var row = new TransferRow(transferId, TransferRow.Origin, toRegion, person, reason.Trim(), trigger, TransferStatus.Requested,
            calendar.Today, package, protector.Encrypt(idNumber, TransferCipher.Purpose), protector.BlindIndex(idNumber), "package", now, now);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await TransferStore.TryInsertAsync(connection, transaction, row, cancellationToken))
            {
                await TransferStore.AddStepAsync(connection, transaction, transferId, TransferStatus.Requested, now, reason.Trim(), null,
                    cancellationToken);
                await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "transfer.requested", TransferDecisions.AuditPurpose,
                    PersonId.Format(person), new JsonObject { ["transferId"] = transferId.ToString(), ["to"] = toRegion, ["trigger"] = trigger }
                        .ToJsonString()), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        var view = await TransferStore.ViewAsync(dataSource, transferId, cancellationToken) ?? throw Refuse(TransferRefusalKind.Conflict,
            "transfer-in-progress", "/personId", $"{PersonId.Format(person)} has a transfer under way; it ends before another begins.");
        if (view.Role != TransferRow.Origin || view.PersonId != PersonId.Format(person) || view.Peer != toRegion)
        {
            throw Refuse(TransferRefusalKind.Conflict, "transfer-id-taken", "/id", "This transfer id names another transfer.");
        }

        return view;
    }

    /// <summary>The transfer with its history; a view carrying a graduate section (personal data) is audited with the purpose.</summary>
    public async Task<TransferView?> ReadAsync(Guid id, string reader, string? purpose, CancellationToken cancellationToken)
    {
        var view = await TransferStore.ViewAsync(dataSource, id, cancellationToken);
        if (view?.Graduate is not null)
        {
            await audit.AppendAsync(dataSource, new AuditEntry(reader, "transfer.read", string.IsNullOrWhiteSpace(purpose)
                ? TransferDecisions.AuditPurpose : purpose.Trim(), view.PersonId, new JsonObject { ["transferId"] = id.ToString() }.ToJsonString()),
                cancellationToken);
        }

        return view;
    }

    /// <summary>Destination: accepts or rejects a transfer waiting for a decision (with <c>Federation:AutoAcceptTransfers</c>
    /// off, or for one the rule left open).</summary>
    public async Task<TransferView> DecideAsync(Guid id, bool accept, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (!accept && string.IsNullOrWhiteSpace(reason))
        {
            throw Refuse(TransferRefusalKind.BadRequest, "required", "/reason", "A rejection says why.");
        }

        var decided = accept
            ? await decisions.AcceptAsync(id, actor, cancellationToken)
            : await decisions.RejectAsync(id, reason!.Trim(), actor, cancellationToken);
        var view = await TransferStore.ViewAsync(dataSource, id, cancellationToken)
            ?? throw Refuse(TransferRefusalKind.NotFound, "unknown-transfer", "", $"No transfer {id}.");
        return decided ? view : throw Refuse(TransferRefusalKind.Conflict, "not-awaiting-decision", "",
            $"Transfer {id} is {view.Status} at this hub ({view.Role}); only a received transfer at its destination is decided.");
    }

    private static TransferException Refuse(TransferRefusalKind kind, string code, string pointer, string message) =>
        new(kind, code, message, pointer.Length == 0 ? null : new FieldError(pointer, code, message));
}
