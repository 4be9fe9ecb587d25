namespace InfluxTokens
{
    /// <summary>The InfluxDB flavour behind a connection; it decides which token API is spoken.</summary>
    public enum InfluxProduct
    {
        /// <summary>InfluxDB OSS 2.x (2.7, 2.8, 2.9): <c>/api/v2/authorizations</c>, token values readable.</summary>
        InfluxDB2Oss,

        /// <summary>InfluxDB Cloud (TSM) and Cloud Serverless: <c>/api/v2/authorizations</c>, values redacted after creation.</summary>
        InfluxDB2Cloud,
    }
}
