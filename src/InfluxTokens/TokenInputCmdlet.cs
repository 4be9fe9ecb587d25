using System.Collections.Generic;
using System.Management.Automation;

namespace InfluxTokens.Commands
{
    /// <summary>
    /// Cmdlets that act on existing tokens, named by id (typed, or from a CSV's Id column) or piped as objects
    /// from Get-InfluxToken. One declaration of that pair, so every such cmdlet binds the same way.
    /// </summary>
    public abstract class TokenInputCmdlet : InfluxCmdlet
    {
        protected const string IdSet = "Id";
        protected const string InputObjectSet = "InputObject";

        /// <summary>Token ids: typed, piped as strings, or from an Id property or CSV column.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.TokenIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = null!;

        /// <summary>Tokens from Get-InfluxToken.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public InfluxToken[] InputObject { get; set; } = null!;

        /// <summary>The tokens of this pipeline record: id, description where known, and what errors name as target.</summary>
        protected IEnumerable<(string Id, string? Description, object Target)> Targets()
        {
            if (ParameterSetName == InputObjectSet)
                foreach (var token in InputObject) yield return (token.Id, token.Description, token);
            else
                foreach (var id in Id) yield return (id, null, id);
        }

        /// <summary>"token 0a1b… (sensor-17)" for prompts and messages.</summary>
        protected static string Label(string id, string? description) =>
            "token " + id + (string.IsNullOrEmpty(description) ? string.Empty : " (" + description + ")");
    }
}
