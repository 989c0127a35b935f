namespace Notifications.Grains.Tests.Streams;

public static class StreamTestNames
{
    public const string Provider = "test-sqlite-streams";

    /// <summary>The namespace the recording consumer subscribes to implicitly.</summary>
    public const string Namespace = "recorded";
}
