using InfluxTokens.Leases;
using InfluxTokens.Tokens.Events;

namespace InfluxTokens.Tests.Infrastructure;

/// <summary>What one sweep reported, collected from its events.</summary>
public sealed class SweepOutcome
{
    public required SweepPlan Plan { get; init; }
    public List<TokenRevocation> Results { get; } = new();
    public List<ItemFailed> Failures { get; } = new();
    public List<Notice> Notices { get; } = new();
    public SweepSummary? Summary { get; set; }
    public RunStopped? Stopped { get; set; }
}

/// <summary>Runs Core's sweep (SweepSession) end to end, every due token confirmed, as the cmdlet drives it.</summary>
public static class Sweeping
{
    /// <param name="afterPlan">Runs between the plan and the revocations: someone else acting meanwhile.</param>
    public static async Task<SweepOutcome> RunAsync(InfluxConnection connection, SweepOptions? options = null, int throttleLimit = 32,
        Func<SweepPlan, Task>? afterPlan = null)
    {
        using var sweep = await SweepSession.StartAsync(connection, options ?? new SweepOptions(), throttleLimit, default);
        var outcome = new SweepOutcome { Plan = sweep.Plan };
        if (!Collect(outcome, sweep.Opening())) return outcome;
        if (afterPlan is not null) await afterPlan(sweep.Plan);
        foreach (var token in sweep.Due)
            if (!Collect(outcome, sweep.Add(token))) return outcome;
        Collect(outcome, sweep.Finish());
        return outcome;
    }

    /// <summary>Sweeps a plan made already; each due token's result with the failure reported for it, in order.</summary>
    public static Task<List<(TokenRevocation Result, Exception? Error)>> RunPlannedAsync(InfluxConnection connection, SweepPlan plan, int throttleLimit = 16) =>
        Task.Run(() =>
        {
            using var sweep = SweepSession.Of(connection, plan, throttleLimit, default);
            var outcome = new SweepOutcome { Plan = plan };
            if (Collect(outcome, sweep.Opening()))
                foreach (var token in sweep.Due)
                    if (!Collect(outcome, sweep.Add(token))) break;
            if (outcome.Stopped is null) Collect(outcome, sweep.Finish());
            var errors = outcome.Failures.ToDictionary(f => ((InfluxToken)f.Target!).Id, f => f.Error);
            return outcome.Results.Select(r => (r, errors.GetValueOrDefault(r.Id))).ToList();
        });

    /// <summary>False once the sweep stopped.</summary>
    private static bool Collect(SweepOutcome outcome, IEnumerable<BulkEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case ItemDone { Result: TokenRevocation r }: outcome.Results.Add(r); break;
                case ItemDone { Result: SweepSummary s }: outcome.Summary = s; break;
                case ItemFailed f: outcome.Failures.Add(f); break;
                case Notice n: outcome.Notices.Add(n); break;
                case RunStopped stop: outcome.Stopped = stop; return false;
            }
        }

        return true;
    }
}
