using Microsoft.Extensions.Logging;

namespace Notifications.Grpc.Tests.Infrastructure;

internal sealed class CapturingLogger(CapturingLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            provider.Messages.Enqueue(formatter(state, exception));
        }
    }
}
