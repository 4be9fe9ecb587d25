using InfluxTokens.Permissions;
namespace InfluxTokens.Tests.Core.Permissions;

public class PermissionGrammarTests
{
    private const string Org = "0a1b2c3d4e5f6071";
    private const string Bucket = "1111222233334444";

    public static TheoryData<string> AllTypes()
    {
        var data = new TheoryData<string>();
        foreach (var t in ResourceTypeSet.Any2.Types.Where(t => t != ResourceTypeSet.Instance)) data.Add(t);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Every_type_round_trips_in_every_form(string type)
    {
        foreach (var action in new[] { "read", "write" })
        {
            foreach (var text in new[] { $"{action}:{type}", $"{action}:{type}/{Bucket}", $"{action}:orgs/{Org}/{type}", $"{action}:orgs/{Org}/{type}/{Bucket}" })
            {
                var p = Permission.Parse(text);
                Assert.Equal(text, p.ToString());
                Assert.Equal(p, Permission.Parse(p.ToString()));
                Assert.Equal(type, p.Resource.Type);
                Assert.True(p.Resource.IsResolved);
            }
        }
    }

    [Fact]
    public void Forms_map_to_the_server_resource_shape()
    {
        var global = Permission.Parse("read:buckets");
        Assert.True(global.Resource.IsGlobal);
        Assert.Equal(PermissionAction.Read, global.Action);

        var oneById = Permission.Parse($"write:buckets/{Bucket}");
        Assert.Equal(Bucket, oneById.Resource.Id);
        Assert.Null(oneById.Resource.OrgId);

        var orgScoped = Permission.Parse($"read:orgs/{Org}/dashboards");
        Assert.Equal(Org, orgScoped.Resource.OrgId);
        Assert.Null(orgScoped.Resource.Id);

        // Two segments starting with 'orgs' is the orgs type with an id, as influxd renders it.
        var theOrg = Permission.Parse($"read:orgs/{Org}");
        Assert.Equal("orgs", theOrg.Resource.Type);
        Assert.Equal(Org, theOrg.Resource.Id);
    }

    [Fact]
    public void Names_are_kept_until_resolved_and_ids_win_once_known()
    {
        var p = Permission.Parse("write:orgs/acme/buckets/telemetry");
        Assert.Equal("telemetry", p.Resource.Name);
        Assert.Equal("acme", p.Resource.Org);
        Assert.False(p.Resource.IsResolved);
        Assert.Equal("write:orgs/acme/buckets/telemetry", p.ToString());

        var resolved = new Permission(p.Action, p.Resource.WithIds(Bucket, Org));
        Assert.True(resolved.Resource.IsResolved);
        Assert.Equal($"write:orgs/{Org}/buckets/{Bucket}", resolved.ToString());
        Assert.Equal("write:orgs/acme/buckets/telemetry", resolved.ToDisplayString());
        Assert.NotEqual(p, resolved);
    }

    [Fact]
    public void Server_permissions_round_trip_through_the_exact_form()
    {
        // What influxd returns for a bucket permission: ids plus looked-up names.
        var fromServer = new Permission(PermissionAction.Read, new PermissionResource("buckets", Bucket, Org, "telemetry", "acme"));
        var again = Permission.Parse(fromServer.ToString());
        Assert.Equal(fromServer, again);
        Assert.Equal(fromServer.GetHashCode(), again.GetHashCode());
        Assert.Equal("read:orgs/acme/buckets/telemetry", fromServer.ToDisplayString());
    }

    [Theory]
    [InlineData("READ:Buckets", "read:buckets")]
    [InlineData("Write:notificationrules", "write:notificationRules")]
    [InlineData("read:/authorizations", "read:authorizations")]           // influx CLI's rendering of global permissions
    [InlineData("  read:buckets/telemetry  ", "read:buckets/telemetry")]
    [InlineData("read:ORGS/acme/DBRP", "read:orgs/acme/dbrp")]
    [InlineData("read:buckets/0A1B2C3D4E5F6071", "read:buckets/0a1b2c3d4e5f6071")]
    public void Spelling_is_forgiving_and_output_canonical(string text, string canonical) =>
        Assert.Equal(canonical, Permission.Parse(text).ToString());

    [Theory]
    [InlineData("read:buckets/weather%2Fraw", "weather/raw", "read:buckets/weather%2Fraw")]
    [InlineData("read:buckets/100%25", "100%", "read:buckets/100%25")]
    [InlineData("read:buckets/R%26D", "R&D", "read:buckets/R&D")]   // only '/' and '%' need escaping
    public void Names_with_slashes_and_percents_round_trip(string text, string bucketName, string canonical)
    {
        var p = Permission.Parse(text);
        Assert.Equal(bucketName, p.Resource.Name);
        Assert.Equal(canonical, p.ToString());
        Assert.Equal(p, Permission.Parse(p.ToString()));
    }

    [Theory]
    [InlineData("", "is empty", "read:buckets/telemetry")]
    [InlineData("   ", "is empty", "<action>:<resource>")]
    [InlineData("buckets", "has no ':'", "<action>:<resource>")]
    [InlineData("reed:buckets", "unknown action 'reed'", "read, write")]
    [InlineData("delete:buckets", "unknown action 'delete'", "read, write")]
    [InlineData("read:", "names no resource", "buckets")]
    [InlineData("read:bukets", "unknown resource type 'bukets'", "authorizations, buckets, dashboards")]
    [InlineData("read:buckets/", "the name or id after 'buckets/' is empty", null)]
    [InlineData("read:orgs//buckets", "the org after 'orgs/' is empty", null)]
    [InlineData("read:orgs/acme/", "the resource type is empty", "buckets")]
    [InlineData("read:teams/acme/buckets", "'teams/acme/buckets' is not a resource", "orgs/<org>/<type>")]
    [InlineData("read:orgs/a/buckets/b/c", "too many '/' parts", "orgs/<org>/<type>/<name-or-id>")]
    [InlineData("read:instance", "'instance' type", "cannot be granted")]
    [InlineData("read:dashboards/sales", "'sales' is not an id", "16-character hexadecimal id")]
    public void Bad_input_names_the_bad_part_and_what_is_accepted(string text, string names, string? accepted)
    {
        var ex = Assert.Throws<PermissionFormatException>(() => Permission.Parse(text));
        Assert.Contains(names, ex.Message);
        if (accepted is not null) Assert.Contains(accepted, ex.Message);
        Assert.StartsWith("Permission '" + text + "'", ex.Message);
        Assert.False(Permission.TryParse(text, ResourceTypeSet.Any2, out var p, out var error));
        Assert.Null(p);
        Assert.Equal(ex.Message, error);
    }

    [Fact]
    public void A_product_set_rejects_the_other_products_types_and_lists_its_own()
    {
        var ex = Assert.Throws<PermissionFormatException>(() => Permission.Parse("read:flows", ResourceTypeSet.Oss2));
        Assert.Contains("InfluxDB OSS 2.x accepts:", ex.Message);
        Assert.Contains("replications", ex.Message);
        Assert.DoesNotContain("instance", ex.Message);

        Assert.Throws<PermissionFormatException>(() => Permission.Parse("read:sources", ResourceTypeSet.Cloud2));
        Assert.Equal("read:flows", Permission.Parse("read:flows", ResourceTypeSet.Cloud2).ToString());
    }

    [Fact]
    public void Type_sets_match_the_reference()
    {
        Assert.Equal(23, ResourceTypeSet.Oss2.Types.Count);
        Assert.Equal(20, ResourceTypeSet.Cloud2.Types.Count);
        Assert.Equal(26, ResourceTypeSet.Any2.Types.Count);
        Assert.Equal("authorizations", ResourceTypeSet.Oss2.Types[0]);
        Assert.Equal("instance", ResourceTypeSet.Oss2.Types[^1]);
    }

    [Fact]
    public void Operator_set_is_read_and_write_on_every_type_but_instance_globally()
    {
        var set = PermissionSets.Operator(ResourceTypeSet.Oss2.Types);
        Assert.Equal(44, set.Count);
        Assert.All(set, p => Assert.True(p.Resource.IsGlobal));
        Assert.Equal("read:authorizations", set[0].ToString());
        Assert.Equal("write:authorizations", set[1].ToString());
        Assert.DoesNotContain(set, p => p.Resource.Type == "instance");
    }

    [Fact]
    public void All_access_set_is_the_cli_set()
    {
        const string user = "5555666677778888";
        var set = PermissionSets.AllAccess(ResourceTypeSet.Oss2.Types, Org, user);
        Assert.Equal(43, set.Count);
        Assert.Equal(new[] { $"read:orgs/{Org}" }, set.Where(p => p.Resource.Type == "orgs").Select(p => p.ToString()));
        Assert.Equal(new[] { $"read:users/{user}", $"write:users/{user}" }, set.Where(p => p.Resource.Type == "users").Select(p => p.ToString()));
        Assert.All(set.Where(p => p.Resource.Type is not ("orgs" or "users")), p => Assert.Equal(Org, p.Resource.OrgId));

        Assert.Equal(39, PermissionSets.AllAccess(ResourceTypeSet.Cloud2.Types, Org, user).Count);
    }

    [Theory]
    [InlineData(InfluxProduct.InfluxDB3Core, "InfluxDB 3 Core accepts: databases")]
    [InlineData(InfluxProduct.CloudDedicated, "InfluxDB Cloud Dedicated accepts: databases")]
    [InlineData(InfluxProduct.Clustered, "InfluxDB Clustered accepts: databases")]
    [InlineData(InfluxProduct.InfluxDB3Enterprise, "InfluxDB 3 Enterprise accepts: databases, system")]
    public void An_unknown_type_names_the_product_it_was_parsed_for(InfluxProduct product, string says)
    {
        var ex = Assert.Throws<PermissionFormatException>(() => Permission.Parse("read:buckets/x", ResourceTypeSet.For(product)));
        Assert.Contains(says, ex.Message);
    }
}
