using System.Runtime.InteropServices;
using InfluxDB.Emulator;

// Standalone: dotnet run --project tests/InfluxDB.Emulator -- [--port 8086]
//             [--mode oss|cloud|dedicated|clustered|core|enterprise] [--org my-org] [--user my-user]
//             [--bucket my-bucket] [--database my-db] [--token <2.x setup token>] [--disable-authz ping] [--log]
SignalDisposition.RestoreInterrupts(); // before .NET installs its handlers
var options = new EmulatorOptions { Port = 8086 };
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port": options.Port = int.Parse(Next()); break;
        case "--mode":
            var mode = Next();
            options.Mode = mode.ToLowerInvariant() switch
            {
                "oss" => EmulatorMode.Oss,
                "cloud" => EmulatorMode.Cloud,
                "dedicated" => EmulatorMode.Dedicated,
                "clustered" => EmulatorMode.Clustered,
                "core" => EmulatorMode.Core,
                "enterprise" => EmulatorMode.Enterprise,
                _ => throw new ArgumentException($"--mode '{mode}' is not one of: oss, cloud, dedicated, clustered, core, enterprise"),
            };
            break;
        case "--org": options.Org = Next(); break;
        case "--user": options.User = Next(); break;
        case "--bucket": options.Bucket = Next(); break;
        case "--token": options.SetupToken = Next(); break;
        case "--database": options.Database = Next(); break;
        case "--log": options.LogRequests = true; break;
        case "--hashed-tokens": options.HashedTokens = true; break;
        case "--disable-authz":
            foreach (var resource in Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                options.DisableAuthz.Add(resource);
            break;
        case "-h" or "--help":
            Console.WriteLine("usage: InfluxDB.Emulator [--port 8086] [--mode oss|cloud|dedicated|clustered|core|enterprise] [--org NAME] [--user NAME] [--bucket NAME] [--database NAME] [--token VALUE] [--hashed-tokens] [--disable-authz ping,health,metrics] [--log]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; try --help");
            return 2;
    }
}

// Stop on SIGTERM (service managers, kill), SIGINT and SIGQUIT. Registering a handler also takes SIGINT back
// when a shell started us in the background with it ignored, so a script's Ctrl+C reaches us too. Registered
// before the server starts, so a signal sent as soon as it says it listens is ours to handle.
var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true; // we shut down ourselves, cleanly
    stop.TrySetResult();
}

using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

await using var server = await EmulatorServer.StartAsync(options);
Console.WriteLine($"InfluxDB emulator ({options.Mode}) listening on {server.Url}");
switch (options.Mode)
{
    case EmulatorMode.Oss or EmulatorMode.Cloud:
        Console.WriteLine($"org: {server.Org.Name} ({server.Org.Id})  user: {server.User.Name}  bucket: {server.Bucket.Name}");
        Console.WriteLine($"setup token ({(options.Mode == EmulatorMode.Cloud ? "all-access" : "operator")}): {server.SetupToken}");
        break;
    case EmulatorMode.Dedicated or EmulatorMode.Clustered:
        if (options.Mode == EmulatorMode.Dedicated) Console.WriteLine($"account: {server.Management!.AccountId}  cluster: {server.Management.ClusterId}");
        Console.WriteLine($"database: {options.Database}");
        Console.WriteLine($"management token: {server.SetupToken}");
        break;
    default:
        Console.WriteLine($"database: {options.Database}");
        Console.WriteLine($"operator token (_admin): {server.SetupToken}");
        break;
}
Console.WriteLine("Ctrl+C or SIGTERM stops it.");

await stop.Task;
return 0;
