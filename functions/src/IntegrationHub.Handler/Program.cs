using IntegrationHub.Handler;
using IntegrationHub.Handler.Cli;

// Commands for the `hub` script; with no command the app serves.
if (args is ["migrate", ..])
{
    var app = HubApplication.Build(args[1..]);
    var applied = await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    Console.WriteLine($"migrations: {applied.Count} applied, schema at version {MigrationCatalog.LatestVersion}");
    return 0;
}

if (args is ["credentials", "--out", var path, ..])
{
    var app = HubApplication.Build(args[3..]);
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    return await CredentialsCommand.RunAsync(app.Services.GetRequiredService<CredentialStore>(), path, CancellationToken.None);
}

if (args is ["operator", ..])
{
    var app = HubApplication.Build([]);
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    return await OperatorCommand.RunAsync(app.Services.GetRequiredService<OperatorStore>(), args[1..], CancellationToken.None);
}

if (args is ["send", "--url", var url, "--credentials", var credentials, "--dir", var directory, ..])
{
    return await SendBatchesCommand.RunAsync(new Uri(url), credentials, directory, CancellationToken.None);
}

if (args is ["wait-linked", "--url", var waitUrl, "--credentials", var waitCredentials, ..])
{
    return await WaitLinkedCommand.RunAsync(new Uri(waitUrl), waitCredentials, TimeSpan.FromHours(2), CancellationToken.None);
}

if (args is ["export-links", "--url", var hubUrl, "--credentials", var adminCredentials, ..])
{
    var output = args.Length >= 7 && args[5] == "--out" ? args[6] : null;
    return await ExportLinksCommand.RunAsync(new Uri(hubUrl), adminCredentials, output, CancellationToken.None);
}

if (args is ["redrive", "--url", var redriveUrl, "--credentials", var redriveCredentials, var subscription, ..])
{
    return await RedriveCommand.RunAsync(new Uri(redriveUrl), redriveCredentials, subscription, CancellationToken.None);
}

if (args is ["report-graduates", "--url", var reportUrl, "--credentials", var reportCredentials, ..])
{
    return await ReportGraduatesCommand.RunAsync(new Uri(reportUrl), reportCredentials, args[5..], CancellationToken.None);
}

if (args is ["report-monthly", "--url", var monthlyUrl, "--credentials", var monthlyCredentials, ..])
{
    return await ReportMonthlyCommand.RunAsync(new Uri(monthlyUrl), monthlyCredentials, args[5..], CancellationToken.None);
}

if (args is ["policy-simulate", "--url", var policyUrl, "--credentials", var policyCredentials, var policyFile, ..])
{
    return await PolicySimulateCommand.RunAsync(new Uri(policyUrl), policyCredentials, policyFile, CancellationToken.None);
}

if (args is ["exchange-run", ..])
{
    var app = HubApplication.Build([.. args[1..], "--Timers:Enabled=false"]);
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    return await ExchangeRunCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

if (args is ["exchange-bench", ..])
{
    var app = HubApplication.Build([.. args[1..], "--Timers:Enabled=false"]);
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    return await ExchangeBenchCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

if (args is ["policy-bench", ..])
{
    var app = HubApplication.Build(["--Timers:Enabled=false"]);
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    return await PolicyBenchCommand.RunAsync(app.Services, args[1..], Console.Out, CancellationToken.None);
}

if (args is ["audit-bench", ..])
{
    // ./hub bench audit [--append N] [--new M]; the rest is the hub's configuration.
    if (AuditChainBenchCommand.ParseOptions(args[1..]) is not { } options)
    {
        Console.Error.WriteLine("usage: ./hub bench audit [--append N] [--new M] (N, M whole numbers, N >= 0, M >= 1)");
        return 2;
    }

    var app = HubApplication.Build([.. options.Rest, "--Timers:Enabled=false"]);
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
    return await AuditChainBenchCommand.RunAsync(app.Services, options.Append, options.Fresh, Console.Out, CancellationToken.None);
}

if (args is ["peer", "keygen", ..])
{
    return PeerCommands.KeyGen(args.Length >= 3 ? args[2] : null, TimeProvider.System);
}

if (args is ["peer", "status", ..])
{
    return await PeerCommands.StatusAsync(args[2..], Console.Out, CancellationToken.None);
}

if (args is ["peer", "verify-log", ..])
{
    return await PeerCommands.VerifyLogAsync(HubApplication.Build(args[2..]).Services, CancellationToken.None);
}

await HubApplication.Build(args).RunAsync();
return 0;
