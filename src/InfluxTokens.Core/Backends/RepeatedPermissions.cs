using System;
using System.Collections.Generic;

namespace InfluxTokens.Backends
{
    /// <summary>
    /// The permissions of one listing's tokens, mapped once for a run of tokens that grant the same: a fleet's 100,000
    /// tokens with one permission set share one list. Each backend keys it by what it reads: 2.x by the wire list its
    /// reader shares while the bytes repeat (compared by reference), InfluxDB 3 Core by the permission text. One per
    /// listing; not thread-safe.
    /// </summary>
    internal sealed class RepeatedPermissions<TKey>
        where TKey : class
    {
        private TKey? _key;
        private PermissionList? _mapped;

        /// <param name="map">Static, its state passed in: a listing must not pay a closure for every token.</param>
        public PermissionList Map<TState>(TKey? key, TState state, Func<TState, PermissionList> map)
        {
            if (_mapped is not null && key is not null && EqualityComparer<TKey>.Default.Equals(key, _key!)) return _mapped;
            _mapped = map(state);
            _key = key;
            return _mapped;
        }
    }
}
