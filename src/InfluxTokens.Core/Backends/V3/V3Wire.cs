using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace InfluxTokens.Backends.V3
{
    // Cloud Dedicated / Clustered management API (shared/specs/influxdb3-*-management.yml).

    internal sealed class ManagementToken
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("permissions")] public List<ManagementPermission?>? Permissions { get; set; }
        [JsonPropertyName("createdAt")] public string? CreatedAt { get; set; }
        [JsonPropertyName("expiresAt")] public string? ExpiresAt { get; set; }
        [JsonPropertyName("revokedAt")] public string? RevokedAt { get; set; }
        [JsonPropertyName("accessToken")] public string? AccessToken { get; set; }
    }

    internal sealed class ManagementPermission
    {
        [JsonPropertyName("action")] public string? Action { get; set; }
        [JsonPropertyName("resource")] public string? Resource { get; set; }
    }

    internal sealed class ManagementCreateRequest
    {
        [JsonPropertyName("description")] public string Description { get; set; } = string.Empty;
        [JsonPropertyName("permissions")] public List<ManagementPermission> Permissions { get; set; } = new List<ManagementPermission>();
        [JsonPropertyName("expirationType")] public string ExpirationType { get; set; } = "noExpiration";
        [JsonPropertyName("expiresAt")] public string? ExpiresAt { get; set; }
    }

    internal sealed class ManagementUpdateRequest
    {
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("permissions")] public List<ManagementPermission>? Permissions { get; set; }
    }

    // InfluxDB 3 Core / Enterprise (/api/v3).

    /// <summary>One database of GetClusterDatabases (Cloud Dedicated, Clustered); only its name is read.</summary>
    internal sealed class ManagementDatabase
    {
        [JsonPropertyName("name")] public string? Name { get; set; }
    }

    /// <summary>One row of <c>GET /api/v3/configure/database?format=json</c>, as the server's source writes it.</summary>
    internal sealed class CoreDatabaseRow
    {
        [JsonPropertyName("iox::database")] public string? Name { get; set; }
    }

    internal sealed class CoreTokenRow
    {
        [JsonPropertyName("token_id")] public ulong? TokenId { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("hash")] public string? Hash { get; set; }
        [JsonPropertyName("created_at")] public string? CreatedAt { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("updated_at")] public string? UpdatedAt { get; set; }
        [JsonPropertyName("expiry")] public string? Expiry { get; set; }
        [JsonPropertyName("permissions")] public string? Permissions { get; set; }
    }

    internal sealed class CoreCreated
    {
        [JsonPropertyName("id")] public ulong? Id { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("token")] public string? Token { get; set; }
        [JsonPropertyName("hash")] public string? Hash { get; set; }
        [JsonPropertyName("created_at")] public string? CreatedAt { get; set; }
        [JsonPropertyName("expiry")] public string? Expiry { get; set; }
    }

    internal sealed class CoreNamedAdminRequest
    {
        [JsonPropertyName("token_name")] public string TokenName { get; set; } = string.Empty;
        [JsonPropertyName("expiry_secs")] public long? ExpirySecs { get; set; }
    }

    internal sealed class CoreResourceTokenRequest
    {
        [JsonPropertyName("token_name")] public string TokenName { get; set; } = string.Empty;
        [JsonPropertyName("permissions")] public List<CoreResourcePermission> Permissions { get; set; } = new List<CoreResourcePermission>();
        [JsonPropertyName("expiry_secs")] public long? ExpirySecs { get; set; }
    }

    internal sealed class CoreResourcePermission
    {
        [JsonPropertyName("resource_type")] public string ResourceType { get; set; } = "db";
        [JsonPropertyName("resource_names")] public List<string> ResourceNames { get; set; } = new List<string>();
        [JsonPropertyName("actions")] public List<string> Actions { get; set; } = new List<string>();
    }

    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(ManagementDatabase))]
    [JsonSerializable(typeof(CoreDatabaseRow))]
    [JsonSerializable(typeof(ManagementToken))]
    [JsonSerializable(typeof(ManagementCreateRequest))]
    [JsonSerializable(typeof(ManagementUpdateRequest))]
    [JsonSerializable(typeof(CoreTokenRow))]
    [JsonSerializable(typeof(CoreCreated))]
    [JsonSerializable(typeof(CoreNamedAdminRequest))]
    [JsonSerializable(typeof(CoreResourceTokenRequest))]
    internal sealed partial class V3Json : JsonSerializerContext
    {
    }
}
