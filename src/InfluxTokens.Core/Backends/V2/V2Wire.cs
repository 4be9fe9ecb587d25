using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InfluxTokens.Backends.V2
{
    // The /api/v2 JSON shapes this client reads and writes (shared/specs/influxdb2-oss.yml components).
    // Everything is nullable: a server that breaks the contract is reported, not dereferenced.

    internal sealed class V2Authorization
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("token")] public string? Token { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("orgID")] public string? OrgId { get; set; }
        [JsonPropertyName("org")] public string? Org { get; set; }
        [JsonPropertyName("userID")] public string? UserId { get; set; }
        [JsonPropertyName("user")] public string? User { get; set; }
        [JsonPropertyName("permissions")] public List<V2Permission?>? Permissions { get; set; }
        [JsonPropertyName("createdAt")] public string? CreatedAt { get; set; }
        [JsonPropertyName("updatedAt")] public string? UpdatedAt { get; set; }

        // Read in place by V2ListReader (the strings above are then null).
        [JsonIgnore] public System.DateTimeOffset? CreatedAtTime { get; set; }
        [JsonIgnore] public System.DateTimeOffset? UpdatedAtTime { get; set; }
    }

    internal sealed class V2Permission
    {
        [JsonPropertyName("action")] public string? Action { get; set; }
        [JsonPropertyName("resource")] public V2Resource? Resource { get; set; }
    }

    internal sealed class V2Resource
    {
        [JsonPropertyName("type")] public string? Type { get; set; }
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("orgID")] public string? OrgId { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("org")] public string? Org { get; set; }
    }

    internal sealed class V2AuthorizationList
    {
        [JsonPropertyName("authorizations")] public List<V2Authorization?>? Authorizations { get; set; }
    }

    internal sealed class V2CreateRequest
    {
        [JsonPropertyName("orgID")] public string OrgId { get; set; } = string.Empty;
        [JsonPropertyName("userID")] public string? UserId { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("permissions")] public List<V2Permission> Permissions { get; set; } = new List<V2Permission>();
    }

    internal sealed class V2UpdateRequest
    {
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
    }

    internal sealed class V2Named
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("orgID")] public string? OrgId { get; set; }
    }

    internal sealed class V2OrgList
    {
        [JsonPropertyName("orgs")] public List<V2Named?>? Orgs { get; set; }
    }

    internal sealed class V2BucketList
    {
        [JsonPropertyName("buckets")] public List<V2Named?>? Buckets { get; set; }
    }

    internal sealed class V2UserList
    {
        [JsonPropertyName("users")] public List<V2Named?>? Users { get; set; }
    }

    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(V2Authorization))]
    [JsonSerializable(typeof(V2AuthorizationList))]
    [JsonSerializable(typeof(V2CreateRequest))]
    [JsonSerializable(typeof(V2UpdateRequest))]
    [JsonSerializable(typeof(V2Named))]
    [JsonSerializable(typeof(V2OrgList))]
    [JsonSerializable(typeof(V2BucketList))]
    [JsonSerializable(typeof(V2UserList))]
    [JsonSerializable(typeof(List<string>))]
    [JsonSerializable(typeof(List<V2Permission>))]
    internal sealed partial class V2Json : JsonSerializerContext
    {
    }
}
