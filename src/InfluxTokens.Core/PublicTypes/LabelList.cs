using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace InfluxTokens
{
    /// <summary>Short labels (a token's risks) whose text form is the labels joined, for CSV and string conversions.</summary>
    public sealed class LabelList : ReadOnlyCollection<string>
    {
        public LabelList(IEnumerable<string> labels)
            : base(labels.ToList())
        {
        }

        public override string ToString() => string.Join(", ", this);
    }
}
