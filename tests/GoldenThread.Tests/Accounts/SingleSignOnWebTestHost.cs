using GoldenThread.Accounts;
using GoldenThread.Domain.Access;
using GoldenThread.Tests.Infrastructure;
using GoldenThread.Web;

namespace GoldenThread.Tests.Accounts;

/// <summary>The web site with single sign-on through a <see cref="TestIdentityProvider"/> started for the test class; its client is the public.</summary>
public sealed class SingleSignOnWebTestHost : WebTestHost, IAsyncLifetime
{
    public const string DisplayName = "Test IdP";
    private const string ClientId = "goldenthread";
    private const string ClientSecret = "a secret only these tests know";

    public TestIdentityProvider IdentityProvider { get; private set; } = null!;

    protected override Role? SignedInAs => null;

    protected override WebAppOptions Configure(WebAppOptions options) =>
        options with { SingleSignOn = new SingleSignOnSettings(IdentityProvider.Issuer, ClientId, ClientSecret, DisplayName) { AllowHttpMetadata = true } };

    async Task IAsyncLifetime.InitializeAsync()
    {
        IdentityProvider = await TestIdentityProvider.StartAsync();
        await InitializeAsync();
        await IdentityProvider.RegisterClientAsync(ClientId, ClientSecret, new Uri(BaseAddress, "/signin-oidc"));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (IdentityProvider is not null)
        {
            await IdentityProvider.DisposeAsync();
        }
    }
}
