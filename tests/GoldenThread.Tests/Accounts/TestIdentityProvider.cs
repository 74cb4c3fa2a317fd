using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GoldenThread.Tests.Accounts;

/// <summary>The provider's store: OpenIddict's tables in an in-memory SQLite database.</summary>
internal sealed class IdentityProviderDb(DbContextOptions<IdentityProviderDb> options) : DbContext(options);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a free loopback port, for single sign-on tests. It has no
/// sign-in page: it signs in whoever the test puts in <see cref="NextUser"/>, or refuses when that is null.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteConnection _connection;

    private TestIdentityProvider(WebApplication app, SqliteConnection connection)
    {
        _app = app;
        _connection = connection;
        Issuer = app.Urls.First();
    }

    /// <summary>Who the provider says signed in, what it says about their email address and whether they used a second factor.</summary>
    public sealed record User(string Subject, string Email, bool EmailVerified, bool UsedSecondFactor = false, string Name = "Someone at the provider");

    public string Issuer { get; }

    /// <summary>Who the next authorization request signs in; null refuses it (access_denied).</summary>
    public User? NextUser { get; set; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<IdentityProviderDb>(o =>
        {
            o.UseSqlite(connection);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        TestIdentityProvider? provider = null;
        var app = builder.Build();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (provider!.NextUser is not { } user)
            {
                return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            identity.AddClaim(new Claim(Claims.Name, user.Name));
            identity.AddClaim(new Claim(Claims.Email, user.Email));
            identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, "pwd"));
            if (user.UsedSecondFactor)
            {
                identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, "mfa"));
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            // The code grant: OpenIddict has checked the code, the client and PKCE; sign the same person in again.
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityProviderDb>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        provider = new TestIdentityProvider(app, connection);
        return provider;
    }

    /// <summary>Registers the site as a confidential client that may use the code flow and ask for email and profile.</summary>
    public async Task RegisterClientAsync(string clientId, string secret, Uri redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { redirectUri },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
