using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Notifications.Grpc.Tests.Infrastructure;

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }
}
