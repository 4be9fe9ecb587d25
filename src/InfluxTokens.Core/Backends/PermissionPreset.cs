using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Backends
{
    /// <summary>The canned permission sets of the influx CLI.</summary>
    public enum PermissionPreset
    {
        None,
        AllAccess,
        Operator,
    }
}
