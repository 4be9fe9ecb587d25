using System;
using System.Collections.Generic;
using System.IO;
using InfluxTokens.Http;

namespace InfluxTokens.Connections
{
    /// <summary>
    /// The fallback chain when no connection was given or made: the influx CLI's environment variables, then
    /// the active profile of its config file, field by field (an env var overrides the profile's value), as the
    /// CLI itself does; when neither has anything, influxctl's profile (Cloud Dedicated, Clustered). Nothing
    /// found, or something broken, is an error that says what to set.
    /// </summary>
    public static class ConnectionSettingsResolver
    {
        public const string DefaultUrl = "http://localhost:8086";

        /// <param name="env">Reads an environment variable (injected so tests need not touch the process's).</param>
        /// <param name="home">The user's home directory, for <c>~/.influxdbv2/configs</c>.</param>
        /// <param name="readFile">Reads a file, or returns null when it does not exist.</param>
        /// <param name="directoryExists">Tells whether a directory exists (to find influxctl's config on macOS).</param>
        public static ConnectionSettings Resolve(Func<string, string?> env, string? home, Func<string, string?> readFile, Func<string, bool>? directoryExists = null)
        {
            string? Env(string name) => string.IsNullOrWhiteSpace(env(name)) ? null : env(name)!.Trim();

            var configPath = InfluxCliConfig.DefaultPath(env, home);
            InfluxCliProfile? profile = null;
            string? configSource = null;
            if (configPath is not null)
            {
                var text = readFile(configPath);
                if (text is not null)
                {
                    configSource = configPath;
                    profile = InfluxCliConfig.Select(InfluxCliConfig.Parse(text, configPath), Env("INFLUX_ACTIVE_CONFIG"), configPath);
                }
                else if (Env("INFLUX_CONFIGS_PATH") is not null)
                {
                    throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                        "INFLUX_CONFIGS_PATH points to " + configPath + ", which does not exist. Correct or unset it.");
                }
            }

            var host = Env("INFLUX_HOST");
            var token = Env("INFLUX_TOKEN");
            var org = Env("INFLUX_ORG");
            var orgId = Env("INFLUX_ORG_ID");
            var used = new List<string>();
            if (host is not null) used.Add("INFLUX_HOST");
            if (token is not null) used.Add("INFLUX_TOKEN");
            if (org is not null) used.Add("INFLUX_ORG");
            if (orgId is not null) used.Add("INFLUX_ORG_ID");

            if (org is not null && orgId is not null)
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest,
                    "Both INFLUX_ORG and INFLUX_ORG_ID are set; set only one of them.");

            token ??= string.IsNullOrEmpty(profile?.Token) ? null : profile!.Token;
            if (token is null && used.Count == 0)
            {
                // Nothing for InfluxDB 2.x: Cloud Dedicated and Clustered admins have influxctl instead.
                var ctlPath = InfluxctlConfig.DefaultPath(env, home, directoryExists ?? Directory.Exists);
                var ctlText = ctlPath is null ? null : readFile(ctlPath);
                if (ctlText is not null)
                {
                    var ctl = InfluxctlConfig.Select(InfluxctlConfig.Parse(ctlText, ctlPath!), Env("INFLUXCTL_PROFILE"), ctlPath!);
                    if (ctl is not null) return InfluxctlConfig.ToSettings(ctl, ctlPath!);
                }
            }

            if (token is null)
            {
                throw new InfluxTokensException(InfluxErrorKind.NotConnected,
                    "No InfluxDB connection: neither the environment variables INFLUX_HOST and INFLUX_TOKEN (and INFLUX_ORG) are set, "
                    + "nor an influx CLI profile with a token ('influx config create'), nor (Cloud Dedicated, Clustered) an influxctl profile with a mgmt_token"
                    + (configSource is null ? string.Empty : " (" + configSource + " has no token in its " + (profile is null ? "profiles" : "profile '" + profile.Name + "'") + ")")
                    + ".");
            }

            var urlText = host ?? profile?.Url ?? DefaultUrl;
            Uri url;
            try
            {
                url = InfluxServerOptions.ParseUrl(urlText);
            }
            catch (ArgumentException ex)
            {
                var from = host is not null ? "INFLUX_HOST" : "the url of profile '" + profile?.Name + "' in " + configSource;
                throw new InfluxTokensException(InfluxErrorKind.InvalidRequest, from + ": " + ex.Message, ex);
            }

            var parts = new List<string>();
            if (used.Count > 0) parts.Add("environment (" + string.Join(", ", used) + ")");
            if (profile is not null && (host is null || env("INFLUX_TOKEN") is null || (org is null && orgId is null)))
                parts.Add("influx CLI profile '" + profile.Name + "' in " + configSource);
            if (host is null && profile?.Url is null) parts.Add("default URL " + DefaultUrl);

            var settings = new ConnectionSettings(url, new TokenSecret(token), string.Join(" + ", parts))
            {
                SkipCertificateCheck = IsTrue(Env("INFLUX_SKIP_VERIFY")),
            };
            if (orgId is not null) settings.OrgId = orgId;
            else settings.Org = org ?? (string.IsNullOrEmpty(profile?.Org) ? null : profile!.Org);
            return settings;
        }

        /// <summary>The chain over the real process environment and file system.</summary>
        public static ConnectionSettings ResolveFromEnvironment() =>
            Resolve(Environment.GetEnvironmentVariable,
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                path => File.Exists(path) ? File.ReadAllText(path) : null);

        private static bool IsTrue(string? value) =>
            value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
    }
}
