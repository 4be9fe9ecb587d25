using System.Text.Json;

namespace InfluxTokens.Backends.V2
{
    /// <summary>The benchmark's reference point: System.Text.Json deserialising a whole list, from memory, into the client's wire types.</summary>
    internal static class V2JsonProbe
    {
        public static int CountAuthorizations(byte[] json) =>
            JsonSerializer.Deserialize(json, V2Json.Default.V2AuthorizationList)?.Authorizations?.Count ?? 0;
    }
}
