namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// Where a hub the tests start writes its log when <c>HUB_TEST_LOGS</c> names a folder: a file per hub, named by its
/// database, which <c>./hub test</c> scans for identity numbers after the suite.
/// </summary>
/// <remarks>
/// The hub's own console logging is left as the tests configure it (warnings only, to the test runner's console, which
/// keeps nothing). The file gets what a production hub would log: Information and up, ASP.NET Core's request lines
/// filtered out as the app filters them (configuration keys under <c>Logging:TestFile</c>).
/// </remarks>
public static class TestLogFile
{
    public const string Variable = "HUB_TEST_LOGS";

    /// <summary>The log file for a hub on this database, or null when the tests keep no logs.</summary>
    public static string? PathFor(string connectionString, string kind)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } directory)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "no-database";
        return Path.Combine(directory, $"{database}.{kind}-{Guid.NewGuid().ToString("N")[..8]}.log");
    }

    /// <summary>The configuration that gives the file sink a production hub's levels.</summary>
    public static IEnumerable<string> Arguments() =>
    [
        "--Logging:TestFile:LogLevel:Default=Information",
        "--Logging:TestFile:LogLevel:Microsoft.AspNetCore=Warning",
    ];

    /// <summary>Adds the file sink to an in-process hub when the tests keep logs.</summary>
    public static void AddTo(WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (PathFor(connectionString, "hub") is { } path)
        {
            // Made by the container, so disposed (and the file closed) with the app.
            builder.Services.AddSingleton<ILoggerProvider>(_ => new FileLoggerProvider(path));
        }
    }
}

/// <summary>Writes every log entry it is given to one file, a line each (exceptions after it), as the console logger would.</summary>
[ProviderAlias("TestFile")]
public sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly StreamWriter writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false))
    {
        AutoFlush = true,
    };

    private readonly ConcurrentDictionary<string, FileLogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, name => new FileLogger(this, name));

    public void Dispose()
    {
        lock (writer)
        {
            writer.Dispose();
        }
    }

    private void Write(string line)
    {
        lock (writer)
        {
            if (writer.BaseStream.CanWrite)
            {
                writer.WriteLine(line);
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.UtcNow:O} {logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}");
            provider.Write(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
