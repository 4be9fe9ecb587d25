using System.Net;
using InfluxDB.Emulator.V2;
using InfluxDB.Emulator.V3;
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

    private readonly V2State? _v2;
    private readonly (V2Org Org, V2User User, V2Bucket Bucket, V2Authorization Setup)? _setup;
    private readonly string _setupToken;

    private EmulatorServer(WebApplication app, Uri url, EmulatorOptions options, Faults faults, string setupToken,
        V2State? v2 = null, (V2Org, V2User, V2Bucket, V2Authorization)? setup = null, ManagementState? management = null, CoreApi? core = null,
        DatabaseCatalog? databases = null)
    {
        Faults = faults;
        _app = app;
        Url = url;
        Options = options;
        _v2 = v2;
        _setup = setup;
        _setupToken = setupToken;
        Management = management;
        Core = core;
        _databases = databases;
    }

    private readonly DatabaseCatalog? _databases;

    /// <summary>InfluxDB 3: the databases the server has (add one to see it listed, written to, granted).</summary>
    public DatabaseCatalog Databases => _databases ?? throw new InvalidOperationException("this emulator is not an InfluxDB 3 one");

    public Uri Url { get; }
    public EmulatorOptions Options { get; }

    private const string Not2x = "this emulator is not an InfluxDB 2.x one";
    public V2State V2 => _v2 ?? throw new InvalidOperationException(Not2x);
    public V2Org Org => _setup?.Org ?? throw new InvalidOperationException(Not2x);
    public V2User User => _setup?.User ?? throw new InvalidOperationException(Not2x);
    public V2Bucket Bucket => _setup?.Bucket ?? throw new InvalidOperationException(Not2x);

    /// <summary>The token <c>influx setup</c> minted: operator on OSS, all-access on Cloud (Cloud has no operator tokens).</summary>
    public V2Authorization SetupAuthorization => _setup?.Setup ?? throw new InvalidOperationException(Not2x);

    /// <summary>Cloud Dedicated / Clustered state (accounts, database tokens), when in those modes.</summary>
    public ManagementState? Management { get; }

    /// <summary>InfluxDB 3 Core / Enterprise tokens, when in those modes.</summary>
    public CoreApi? Core { get; }

    /// <summary>
    /// The credential that manages tokens: the setup token on 2.x, a management token on Dedicated/Clustered,
    /// the operator (_admin) token on Core/Enterprise.
    /// </summary>
    public string SetupToken => _setupToken;

    /// <summary>Requests to fail on purpose.</summary>
    public Faults Faults { get; }

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();

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

        var faults = new Faults { Latency = options.Latency };
        app.Use(async (ctx, next) =>
        {
            if (faults.Latency > TimeSpan.Zero)
            {
                var (handle, answer) = faults.BeginHold();
                await LatencyClock.Until(handle);
                faults.EndHold();
                ctx.Response.OnStarting(static due => LatencyClock.Answer((long)due), answer); // before the first byte, body or not
            }
            if (await faults.TryFailAsync(ctx)) return;
            if (!await faults.TryRandomAsync(ctx, next)) await next(ctx);
        });

        // influxd's router strips trailing slashes (middleware.StripSlashes).
        app.Use((ctx, next) =>
        {
            var path = ctx.Request.Path.Value;
            if (path is { Length: > 1 } && path.EndsWith('/')) ctx.Request.Path = path.TrimEnd('/');
            return next(ctx);
        });
        app.UseRouting();
        Func<Uri, EmulatorServer> make;
        var databases = new DatabaseCatalog(options.Database);
        switch (options.Mode)
        {
            case EmulatorMode.Oss or EmulatorMode.Cloud:
            {
                var state = new V2State(options.Mode, options.Time) { HashedTokens = options.HashedTokens && options.Mode == EmulatorMode.Oss };
                var org = state.AddOrg(options.Org);
                var user = state.AddUser(options.User);
                var bucket = state.AddBucket(org.Id, options.Bucket);
                var setupPermissions = options.Mode == EmulatorMode.Cloud
                    ? V2Permission.AllAccess(state.ResourceTypes, org.Id, user.Id)
                    : V2Permission.Operator(state.ResourceTypes);
                var setup = state.AddAuthorization(org.Id, user.Id, setupPermissions, $"{user.Name}'s Token", token: options.SetupToken);
                new V2Api(state).Map(app);
                make = url => new EmulatorServer(app, url, options, faults, setup.Token, state, (org, user, bucket, setup));
                break;
            }

            case EmulatorMode.Dedicated or EmulatorMode.Clustered:
            {
                var state = new ManagementState(options.Time, options.ActivationDelay);
                var management = state.AddManagementToken();
                new ManagementApi(state, options.Mode == EmulatorMode.Dedicated, databases).Map(app);
                make = url => new EmulatorServer(app, url, options, faults, management, management: state, databases: databases);
                break;
            }

            default:
            {
                var core = new CoreApi(options.Time, options.Mode == EmulatorMode.Enterprise, databases, new HashSet<string>(options.DisableAuthz));
                var admin = core.CreateOperatorToken();
                core.Map(app);
                make = url => new EmulatorServer(app, url, options, faults, admin, core: core, databases: databases);
                break;
            }
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return make(new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
