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

    public static class InfluxProductNames
    {
        /// <summary>The product's name as its documentation writes it, for messages ("InfluxDB Cloud Dedicated").</summary>
        public static string DisplayName(this InfluxProduct product) => product switch
        {
            InfluxProduct.InfluxDB2Oss => "InfluxDB OSS 2.x",
            InfluxProduct.InfluxDB2Cloud => "InfluxDB Cloud",
            InfluxProduct.CloudDedicated => "InfluxDB Cloud Dedicated",
            InfluxProduct.Clustered => "InfluxDB Clustered",
            InfluxProduct.InfluxDB3Core => "InfluxDB 3 Core",
            InfluxProduct.InfluxDB3Enterprise => "InfluxDB 3 Enterprise",
            _ => product.ToString(),
        };

        /// <summary>What the product cannot do, said in one form for every backend: "InfluxDB 3 Core has admin tokens only...".</summary>
        public static InfluxTokensException Cannot(this InfluxProduct product, string what) =>
            new InfluxTokensException(InfluxErrorKind.NotSupported, product.DisplayName() + " " + what + ".");
    }
}
