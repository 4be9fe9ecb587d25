namespace InfluxDB.Emulator.V2;

/// <summary>
/// A permission as influxd 2.7 holds it (<c>authz.go</c>): action, type, optional id and orgID. Written
/// independently of the client library so the two cannot share a mistake.
/// </summary>
public sealed record V2Permission(string Action, string Type, string? Id = null, string? OrgId = null)
{
    public static readonly string[] OssTypes =
    {
        "authorizations", "buckets", "dashboards", "orgs", "sources", "tasks", "telegrafs", "users", "variables",
        "scrapers", "secrets", "labels", "views", "documents", "notificationRules", "notificationEndpoints", "checks",
        "dbrp", "notebooks", "annotations", "remotes", "replications", "instance",
    };

    public static readonly string[] CloudTypes =
    {
        "authorizations", "buckets", "dashboards", "orgs", "tasks", "telegrafs", "users", "variables", "secrets",
        "labels", "views", "documents", "notificationRules", "notificationEndpoints", "checks", "dbrp", "annotations",
        "flows", "functions", "subscriptions",
    };

    /// <summary><c>Permission.Matches</c> / <c>matchesV1</c>: does holding this satisfy a request for <paramref name="requested"/>?</summary>
    public bool Covers(V2Permission requested)
    {
        if (Action != requested.Action) return false;
        if (Type == "instance") return true;
        if (Type != requested.Type) return false;
        if (OrgId is null && Id is null) return true;
        if (Id is not null) return requested.Id == Id;
        return requested.OrgId == OrgId;
    }

    /// <summary><c>Permission.String()</c>: <c>read:orgs/&lt;org&gt;/buckets/&lt;id&gt;</c>.</summary>
    public override string ToString()
    {
        var resource = OrgId is not null
            ? "orgs/" + OrgId + "/" + Type + (Id is null ? "" : "/" + Id)
            : Type + (Id is null ? "" : "/" + Id);
        return Action + ":" + resource;
    }

    /// <summary>The 44 global permissions of <c>OperPermissions()</c>.</summary>
    public static List<V2Permission> Operator(IEnumerable<string> types) =>
        types.Where(t => t != "instance").SelectMany(t => new[] { new V2Permission("read", t), new V2Permission("write", t) }).ToList();

    /// <summary>What <c>influx auth create --all-access</c> sends.</summary>
    public static List<V2Permission> AllAccess(IEnumerable<string> types, string orgId, string userId)
    {
        var list = new List<V2Permission>();
        foreach (var t in types.Where(t => t != "instance"))
        {
            if (t == "orgs") list.Add(new V2Permission("read", t, Id: orgId));
            else if (t == "users") { list.Add(new V2Permission("read", t, Id: userId)); list.Add(new V2Permission("write", t, Id: userId)); }
            else { list.Add(new V2Permission("read", t, OrgId: orgId)); list.Add(new V2Permission("write", t, OrgId: orgId)); }
        }

        return list;
    }
}
