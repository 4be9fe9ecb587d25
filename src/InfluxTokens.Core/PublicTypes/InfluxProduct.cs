namespace InfluxTokens
{
    /// <summary>The InfluxDB flavour behind a connection; it decides which token API is spoken.</summary>
    public enum InfluxProduct
    {
        /// <summary>InfluxDB OSS 2.x (2.7, 2.8, 2.9): <c>/api/v2/authorizations</c>, token values readable.</summary>
        InfluxDB2Oss,

        /// <summary>InfluxDB Cloud (TSM) and Cloud Serverless: <c>/api/v2/authorizations</c>, values redacted after creation.</summary>
        InfluxDB2Cloud,

        /// <summary>InfluxDB Cloud Dedicated: the management API's database tokens, per account and cluster.</summary>
        CloudDedicated,

        /// <summary>InfluxDB Clustered: the same management API on the cluster's own host.</summary>
        Clustered,

        /// <summary>InfluxDB 3 Core: admin tokens only, <c>/api/v3</c>.</summary>
        InfluxDB3Core,

        /// <summary>InfluxDB 3 Enterprise: admin and database (resource) tokens, <c>/api/v3</c>.</summary>
        InfluxDB3Enterprise,
    }
}
