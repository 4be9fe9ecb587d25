using System.Net;
using InfluxDB.Emulator.V2;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace InfluxDB.Emulator;

/// <summary>
/// A running emulator on 127.0.0.1: what <c>influx setup</c> leaves behind (one org, user, bucket and the
/// setup token) served over real HTTP by Kestrel. Tests start one per fixture on a free port and reach into
/// <see cref="V2"/> to arrange scenarios the API cannot (a second user, a deactivated user).
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, Uri url, EmulatorOptions options, V2State v2, V2Org org, V2User user, V2Bucket bucket, V2Authorization setup, Faults faults)
    {
        Faults = faults;
        _app = app;
        Url = url;
        Options = options;
        V2 = v2;
        Org = org;
        User = user;
        Bucket = bucket;
        SetupAuthorization = setup;
    }

    public Uri Url { get; }
    public EmulatorOptions Options { get; }
    public V2State V2 { get; }
    public V2Org Org { get; }
    public V2User User { get; }
    public V2Bucket Bucket { get; }

    /// <summary>The token <c>influx setup</c> minted: operator on OSS, all-access on Cloud (Cloud has no operator tokens).</summary>
    public V2Authorization SetupAuthorization { get; }

    public string SetupToken => SetupAuthorization.Token;

    /// <summary>Requests to fail on purpose.</summary>
    public Faults Faults { get; }

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var state = new V2State(options.Mode, options.Time);
        var org = state.AddOrg(options.Org);
        var user = state.AddUser(options.User);
        var bucket = state.AddBucket(org.Id, options.Bucket);
        var setupPermissions = options.Mode == EmulatorMode.Cloud
            ? V2Permission.AllAccess(state.ResourceTypes, org.Id, user.Id)
            : V2Permission.Operator(state.ResourceTypes);
        var setup = state.AddAuthorization(org.Id, user.Id, setupPermissions, $"{user.Name}'s Token", token: options.SetupToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (options.Certificate is not null) listen.UseHttps(options.Certificate);
            });
        });
        var app = builder.Build();
        if (options.LogRequests)
        {
            app.Use(async (ctx, next) =>
            {
                await next();
                Console.WriteLine($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString} -> {ctx.Response.StatusCode}");
            });
        }

        var faults = new Faults();
        app.Use(async (ctx, next) =>
        {
            if (!await faults.TryFailAsync(ctx)) await next(ctx);
        });

        // influxd's router strips trailing slashes (middleware.StripSlashes).
        app.Use((ctx, next) =>
        {
            var path = ctx.Request.Path.Value;
            if (path is { Length: > 1 } && path.EndsWith('/')) ctx.Request.Path = path.TrimEnd('/');
            return next(ctx);
        });
        app.UseRouting();
        new V2Api(state).Map(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorServer(app, new Uri(address), options, state, org, user, bucket, setup, faults);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
