namespace InfluxTokens.Tokens
{
    /// <summary>One token to revoke: by id, with its description where known and what a failure should name.</summary>
    public sealed class RevocationRequest
    {
        public RevocationRequest(string id, string? description, object target, bool listedJustNow)
        {
            Id = id;
            Description = description;
            Target = target;
            ListedJustNow = listedJustNow;
        }

        public string Id { get; }
        public string? Description { get; }
        public object Target { get; }

        /// <summary>The token came from a listing a moment ago: if it is gone now, someone else revoked it first.</summary>
        public bool ListedJustNow { get; }

        /// <summary>"token 0a1b… (sensor-17)", as prompts and progress show it.</summary>
        public string Label => "token " + Id + (string.IsNullOrEmpty(Description) ? string.Empty : " (" + Description + ")");
    }
}
