using System;
using System.Collections.Generic;
using System.Linq;

namespace InfluxTokens.Permissions
{
    /// <summary>
    /// The resource types one product accepts in a permission, in the server's own order and spelling.
    /// Lookup ignores case so <c>notificationrules</c> is accepted and sent as <c>notificationRules</c>.
    /// </summary>
    public sealed class ResourceTypeSet
    {
        private static readonly string[] Common2 =
        {
            "authorizations", "buckets", "dashboards", "orgs", "tasks", "telegrafs", "users", "variables",
            "secrets", "labels", "views", "documents", "notificationRules", "notificationEndpoints", "checks",
            "dbrp", "annotations",
        };

        // The only 2.x types whose ids the server can look up by name (it returns their names in permissions).
        private static readonly string[] NamedTypes2 = { "buckets", "orgs", "users" };

        /// <summary>InfluxDB OSS 2.7-2.9, in the order of <c>influxdb.AllResourceTypes</c> (what <c>GET /api/v2/resources</c> returns).</summary>
        public static readonly ResourceTypeSet Oss2 = new ResourceTypeSet(InfluxProduct.InfluxDB2Oss, NamedTypes2, new[]
        {
            "authorizations", "buckets", "dashboards", "orgs", "sources", "tasks", "telegrafs", "users",
            "variables", "scrapers", "secrets", "labels", "views", "documents", "notificationRules",
            "notificationEndpoints", "checks", "dbrp", "notebooks", "annotations", "remotes", "replications",
            "instance",
        });

        /// <summary>InfluxDB Cloud (TSM) and Cloud Serverless.</summary>
        public static readonly ResourceTypeSet Cloud2 = new ResourceTypeSet(
            InfluxProduct.InfluxDB2Cloud, NamedTypes2, Common2.Concat(new[] { "flows", "functions", "subscriptions" }));

        /// <summary>Every type any InfluxDB 2.x product knows: what the grammar accepts before a server is asked.</summary>
        public static readonly ResourceTypeSet Any2 = new ResourceTypeSet(
            null, NamedTypes2, Oss2.Types.Concat(Cloud2.Types).Distinct());

        // A database token's one type (<c>*</c> names all databases).
        private static readonly string[] DatabaseTypes = { "databases" };

        /// <summary>Cloud Dedicated, Clustered and InfluxDB 3 Core: database permissions only (Core has admin tokens, which carry none).</summary>
        public static ResourceTypeSet Databases(InfluxProduct product) => new ResourceTypeSet(product, DatabaseTypes, DatabaseTypes,
            aliases: new Dictionary<string, string> { ["db"] = "databases" }, container: "databases", allowsOrgs: false);

        /// <summary>InfluxDB 3 Enterprise: database tokens and read-only system tokens (health, metrics, ping).</summary>
        public static readonly ResourceTypeSet Enterprise3 = new ResourceTypeSet(InfluxProduct.InfluxDB3Enterprise, new[] { "databases", "system" }, new[] { "databases", "system" },
            aliases: new Dictionary<string, string> { ["db"] = "databases" }, container: "databases", allowsOrgs: false);

        /// <summary><c>instance</c> exists only to be held by the setup user's session; it can never be granted.</summary>
        public const string Instance = "instance";

        private readonly Dictionary<string, string> _canonical;
        private readonly HashSet<string> _named;

        /// <summary>The types of <paramref name="product"/> (null: any InfluxDB 2.x), which of them may be named rather than given by id, aliases, and the container type that read and write grants name.</summary>
        public ResourceTypeSet(InfluxProduct? product, IEnumerable<string> namedTypes, IEnumerable<string> types,
            IDictionary<string, string>? aliases = null, string container = "buckets", bool allowsOrgs = true)
        {
            Product = product;
            Types = types.ToArray();
            _canonical = Types.ToDictionary(t => t, t => t, StringComparer.OrdinalIgnoreCase);
            foreach (var alias in aliases ?? new Dictionary<string, string>()) _canonical[alias.Key] = alias.Value;
            _named = new HashSet<string>(namedTypes, StringComparer.Ordinal);
            ContainerType = container;
            AllowsOrgs = allowsOrgs;
        }

        /// <summary>What read and write grants of a container name: buckets on 2.x, databases on 3.</summary>
        public string ContainerType { get; }

        /// <summary>Whether permissions can be scoped to an org (2.x); InfluxDB 3 has no orgs.</summary>
        public bool AllowsOrgs { get; }

        public InfluxProduct? Product { get; }

        /// <summary>The product's name for messages, from the product itself.</summary>
        public string ProductName => Product?.DisplayName() ?? "InfluxDB 2.x";

        /// <summary>The resource types of <paramref name="product"/>.</summary>
        public static ResourceTypeSet For(InfluxProduct product) => product switch
        {
            InfluxProduct.InfluxDB2Oss => Oss2,
            InfluxProduct.InfluxDB2Cloud => Cloud2,
            InfluxProduct.InfluxDB3Enterprise => Enterprise3,
            _ => Databases(product),
        };

        public IReadOnlyList<string> Types { get; }

        /// <summary>Whether a resource of this (canonical) type may be named by its name rather than its id.</summary>
        public bool AcceptsNames(string type) => _named.Contains(type);

        /// <summary>The server's spelling of <paramref name="type"/>, or null when the product does not know it.</summary>
        public string? Canonicalize(string type) => _canonical.TryGetValue(type, out var c) ? c : null;

        /// <summary>The list a user reads in an error message.</summary>
        public string Describe() => string.Join(", ", Types.Where(t => t != Instance));
    }
}
