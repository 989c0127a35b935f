using Notifications.Gateway.Tests.Infrastructure;

namespace Notifications.Gateway.Tests.Hostile;

/// <summary>A silo with a victim user (the {user} of generated routes) and that user's token.</summary>
public sealed class HostileSilo : SiloFixture
{
    /// <summary>Over a real connection, a server that fails mid-answer shows as a dropped connection, and Kestrel's own checks take part.</summary>
    protected override bool UseKestrel => true;

    public string Victim { get; private set; } = "";

    public string VictimToken { get; private set; } = "";

    /// <summary>
    /// A client that sends a body only once the server asks for it (Expect: 100-continue), as a careful uploader does.
    /// Kestrel answers a malformed request line with a 400 and closes at once; a client still streaming a large body into
    /// that socket gets a reset instead of the answer, depending on how far the upload had got.
    /// </summary>
    public HttpClient UploadClient(string? bearer)
    {
        using var addressOf = Client();
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = addressOf.BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Victim = await CreateUserAsync(NewUserId("victim"));
        VictimToken = await TokenForAsync(Victim);
    }
}
