using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace InfluxTokens.Connections
{
    /// <summary>
    /// Reads influxctl's config (<c>~/.config/influxctl/config.toml</c> and the platform equivalents), so an
    /// admin who manages Cloud Dedicated or Clustered with influxctl and a management token needs no setup.
    /// </summary>
    public static class InfluxctlConfig
    {
        /// <summary>The Cloud Dedicated management API's host.</summary>
        public const string DedicatedManagementUrl = "https://console.influxdata.com";

        /// <summary>Windows: %APPDATA%\influxctl; macOS: ~/Library/Application Support/influxctl; else $XDG_CONFIG_HOME or ~/.config.</summary>
        public static string? DefaultPath(Func<string, string?> env, string? home, Func<string, bool> directoryExists)
        {
            var appData = env("APPDATA");
            if (!string.IsNullOrEmpty(appData)) return Path.Combine(appData, "influxctl", "config.toml");
            if (string.IsNullOrEmpty(home)) return null;
            var mac = Path.Combine(home, "Library", "Application Support");
            if (directoryExists(mac)) return Path.Combine(mac, "influxctl", "config.toml");
            var xdg = env("XDG_CONFIG_HOME");
            return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".config") : xdg!, "influxctl", "config.toml");
        }

        public static IReadOnlyList<InfluxctlProfile> Parse(string text, string source)
        {
            var profiles = new List<InfluxctlProfile>();
            foreach (var table in TomlSubset.Parse(text, (line, what) => Bad(source, line, what)))
            {
                if (table.Name != "profile" || !table.IsArrayItem) continue; // [profile.auth.*] and others: not needed here
                var name = table.String("name") ?? throw Bad(source, table.Line, "a [[profile]] has no name");
                profiles.Add(new InfluxctlProfile(name)
                {
                    Product = table.String("product"),
                    AccountId = table.String("account_id"),
                    ClusterId = table.String("cluster_id"),
                    ManagementToken = table.String("mgmt_token"),
                    Host = table.String("host"),
                    Port = table.Values.TryGetValue("port", out var p) ? p as long? : null,
                });
            }

            return profiles;
        }

        /// <summary>The profile <c>INFLUXCTL_PROFILE</c> names, else <c>default</c>, else the first.</summary>
        public static InfluxctlProfile? Select(IReadOnlyList<InfluxctlProfile> profiles, string? name, string source)
        {
            if (!string.IsNullOrWhiteSpace(name))
                return profiles.FirstOrDefault(p => p.Name == name)
                       ?? throw InfluxCliConfig.NoSuchProfile("INFLUXCTL_PROFILE", name!, source, profiles.Select(p => p.Name));
            return profiles.FirstOrDefault(p => p.Name == "default") ?? (profiles.Count > 0 ? profiles[0] : null);
        }

        /// <summary>Connection settings from a profile; one without a management token cannot be used (its OAuth login is influxctl's own).</summary>
        public static ConnectionSettings ToSettings(InfluxctlProfile profile, string source)
        {
            var where = "influxctl profile '" + profile.Name + "' in " + source;
            if (string.IsNullOrEmpty(profile.ManagementToken))
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    where + " has no mgmt_token: influxctl's own OAuth login cannot be reused. Create one with 'influxctl management create' and set mgmt_token, or connect with a token explicitly.");
            var product = (profile.Product ?? "dedicated").ToLowerInvariant() switch
            {
                "dedicated" => InfluxProduct.CloudDedicated,
                "clustered" => InfluxProduct.Clustered,
                _ => throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, where + " has product '" + profile.Product + "'; expected dedicated or clustered."),
            };
            Uri url;
            if (product == InfluxProduct.Clustered || !string.IsNullOrEmpty(profile.Host))
            {
                if (string.IsNullOrEmpty(profile.Host)) throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, where + " has no host.");
                var host = profile.Host!.Contains("://") ? profile.Host! : "https://" + profile.Host;
                var builder = new UriBuilder(Http.InfluxServerOptions.ParseUrl(host));
                if (profile.Port is { } port) builder.Port = (int)port;
                url = builder.Uri;
            }
            else
            {
                url = new Uri(DedicatedManagementUrl);
            }

            return new ConnectionSettings(url, new TokenSecret(profile.ManagementToken!), where)
            {
                Product = product,
                AccountId = profile.AccountId,
                ClusterId = profile.ClusterId,
                DataUrl = product == InfluxProduct.Clustered ? url : null,
            };
        }

        private static InfluxTokensException Bad(string source, int lineNo, string what) =>
            new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                "The influxctl config " + source + " cannot be read at line " + lineNo.ToString(CultureInfo.InvariantCulture) + ": " + what
                + ". Fix it, or connect with a token explicitly.");
    }
}
