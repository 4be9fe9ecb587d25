using System;
using System.Text;
using InfluxTokens.Permissions;
using InfluxTokens.Text;

namespace InfluxTokens
{
    /// <summary>
    /// One grant: an action on a resource. The text grammar is the server's own <c>Permission.String()</c>
    /// form, extended with names:
    /// <code>
    ///   read:buckets                        every bucket in every org
    ///   write:buckets/telemetry             one bucket, by name or 16-hex id
    ///   read:orgs/acme/dashboards           every dashboard of one org, by name or id
    ///   write:orgs/acme/buckets/telemetry   one bucket of one org
    /// </code>
    /// A name containing '/' or '%' is written percent-encoded (%2F, %25). The influx CLI's rendering of
    /// global permissions with a leading slash (<c>read:/buckets</c>) is accepted too.
    /// </summary>
    public sealed class Permission : IEquatable<Permission>
    {
        private const string Forms = "'<type>', '<type>/<name-or-id>', 'orgs/<org>/<type>' or 'orgs/<org>/<type>/<name-or-id>'";

        public Permission(PermissionAction action, PermissionResource resource)
        {
            Action = action;
            Resource = resource ?? throw new ArgumentNullException(nameof(resource));
        }

        public PermissionAction Action { get; }

        public PermissionResource Resource { get; }

        /// <summary>Reads a permission, accepting every resource type any InfluxDB 2.x product knows.</summary>
        public static Permission Parse(string text) => Parse(text, ResourceTypeSet.Any2);

        /// <summary>Reads a permission, accepting the resource types of <paramref name="types"/>.</summary>
        /// <exception cref="PermissionFormatException">The text is not a permission; the message says why.</exception>
        public static Permission Parse(string text, ResourceTypeSet types)
        {
            if (types is null) throw new ArgumentNullException(nameof(types));
            var original = text ?? string.Empty;
            var s = original.Trim();
            if (s.Length == 0)
                throw new PermissionFormatException(original, "is empty; expected '<action>:<resource>', e.g. 'read:buckets/telemetry'.");

            var colon = s.IndexOf(':');
            if (colon < 0)
                throw new PermissionFormatException(original, "has no ':'; expected '<action>:<resource>', e.g. 'read:buckets/telemetry'.");

            var actionText = s.Substring(0, colon).Trim();
            if (!PermissionActions.TryParse(actionText, ignoreCase: true, out var action))
                throw new PermissionFormatException(original, "unknown action '" + actionText + "'; accepted actions: read, write.");

            var rest = s.Substring(colon + 1).Trim();
            if (rest.StartsWith("/", StringComparison.Ordinal) && rest.Length > 1) rest = rest.Substring(1);
            if (rest.Length == 0)
                throw new PermissionFormatException(original, "names no resource after ':'; accepted types: " + types.Describe() + ".");

            var parts = rest.Split('/');
            string typeText;
            string? one = null, org = null;
            switch (parts.Length)
            {
                case 1: typeText = parts[0]; break;
                case 2: typeText = parts[0]; one = parts[1]; break;
                case 3:
                case 4:
                    if (!parts[0].Equals("orgs", StringComparison.OrdinalIgnoreCase))
                        throw new PermissionFormatException(original, "'" + rest + "' is not a resource; accepted forms: " + Forms + ".");
                    org = parts[1];
                    typeText = parts[2];
                    if (parts.Length == 4) one = parts[3];
                    break;
                default:
                    throw new PermissionFormatException(original, "'" + rest + "' has too many '/' parts; accepted forms: " + Forms + ".");
            }

            if (typeText.Length == 0)
                throw new PermissionFormatException(original, "the resource type is empty; accepted types: " + types.Describe() + ".");
            var type = types.Canonicalize(typeText);
            if (type is null)
                throw new PermissionFormatException(original, "unknown resource type '" + typeText + "'; " + types.ProductName + " accepts: " + types.Describe() + ".");
            if (type == ResourceTypeSet.Instance)
                throw new PermissionFormatException(original, "the 'instance' type belongs to the setup user's session and cannot be granted in a token.");

            string? orgId = null, orgName = null, id = null, name = null;
            if (org is not null && !types.AllowsOrgs)
                throw new PermissionFormatException(original, types.ProductName + " has no orgs; write '" + actionText.ToLowerInvariant() + ":" + type + "/<name>'.");
            if (org is not null)
            {
                org = Segment(original, org, "the org after 'orgs/'");
                if (IsId(org)) orgId = org.ToLowerInvariant(); else orgName = org;
            }

            if (one is not null)
            {
                one = Segment(original, one, "the name or id after '" + typeText + "/'");
                if (types.AllowsOrgs && IsId(one)) id = one.ToLowerInvariant();
                else if (types.AcceptsNames(type)) name = one;
                else
                    throw new PermissionFormatException(original,
                        "'" + one + "' is not an id; " + type + " are named by their 16-character hexadecimal id (only buckets, orgs and users can be named).");
            }

            return new Permission(action, new PermissionResource(type, id, orgId, name, orgName));
        }

        /// <summary>Like <see cref="Parse(string, ResourceTypeSet)"/>, returning the reason instead of throwing.</summary>
        public static bool TryParse(string text, ResourceTypeSet types, out Permission? permission, out string? error)
        {
            try
            {
                permission = Parse(text, types);
                error = null;
                return true;
            }
            catch (PermissionFormatException ex)
            {
                permission = null;
                error = ex.Message;
                return false;
            }
        }

        /// <summary>True for the 16 hexadecimal characters of an InfluxDB 2.x id.</summary>
        public static bool IsId(string? s)
        {
            if (s is null || s.Length != 16) return false;
            foreach (var c in s)
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            return true;
        }

        /// <summary>The exact form, with ids wherever they are known: what round-trips through <see cref="Parse(string)"/>.</summary>
        public override string ToString() => Format(preferNames: false);

        /// <summary>The form a person reads, with names wherever the server supplied them.</summary>
        public string ToDisplayString() => Display.Safe(Format(preferNames: true));

        public bool Equals(Permission? other) => other is not null && Action == other.Action && Resource.Equals(other.Resource);

        public override bool Equals(object? obj) => Equals(obj as Permission);

        public override int GetHashCode() => Resource.GetHashCode() * 2 + (int)Action;

        private string Format(bool preferNames)
        {
            var r = Resource;
            var sb = new StringBuilder(Action.ToText()).Append(':');
            var org = preferNames ? r.Org ?? r.OrgId : r.OrgId ?? r.Org;
            if (org is not null) sb.Append("orgs/").Append(Escape(org)).Append('/');
            sb.Append(r.Type);
            var one = preferNames ? r.Name ?? r.Id : r.Id ?? r.Name;
            if (one is not null) sb.Append('/').Append(Escape(one));
            return sb.ToString();
        }

        private static string Segment(string original, string raw, string what)
        {
            string value;
            try { value = Uri.UnescapeDataString(raw); }
            catch (UriFormatException) { value = raw; }
            if (value.Trim().Length == 0)
                throw new PermissionFormatException(original, what + " is empty.");
            return value;
        }

        private static string Escape(string s) =>
            s.IndexOf('%') < 0 && s.IndexOf('/') < 0 ? s : s.Replace("%", "%25").Replace("/", "%2F");
    }
}
