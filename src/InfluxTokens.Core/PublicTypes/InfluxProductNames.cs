namespace InfluxTokens
{
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
