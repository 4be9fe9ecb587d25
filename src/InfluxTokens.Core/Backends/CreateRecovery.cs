using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using InfluxTokens.Leases;

namespace InfluxTokens.Backends
{
    /// <summary>
    /// A create is never repeated blindly, and recovery never takes a token it cannot prove this call made. Where
    /// the description is writable (InfluxDB 2.x, the management API) every create carries a create tag, a random
    /// value nobody else knows (<see cref="LeaseMarker.NewCreateTag"/>): when the answer is lost, the tokens bearing
    /// the tag are this call's. None: nothing was made, so it is made again. One whose value is readable: that is
    /// the result. Ours but the value unreadable (Cloud, management API): it is deleted and made again, so the caller
    /// gets a value. The normal path costs nothing (the tag travels in the create itself); the lost-answer path costs
    /// one list, and a delete where the value cannot be read, before the new create.
    /// </summary>
    internal static class CreateRecovery
    {
        /// <param name="backend">Where to look when the answer is lost.</param>
        /// <param name="tag">The create tag the request carries in its description.</param>
        /// <param name="scope">Where the token would be (its org): the lost-answer path lists only there.</param>
        /// <param name="create">Sends the create (once, or once more when nothing was made).</param>
        /// <param name="what">"token 'x'", for messages.</param>
        /// <param name="cancellationToken">Stops the create and the recovery.</param>
        public static async Task<InfluxToken> CreateTaggedAsync(ITokenBackend backend, string tag, TokenQuery scope,
            Func<CancellationToken, Task<InfluxToken>> create, string what, CancellationToken cancellationToken)
        {
            try
            {
                return await create(cancellationToken).ConfigureAwait(false);
            }
            catch (InfluxTokensException lost) when (lost.OutcomeUnknown)
            {
                var ours = new List<InfluxToken>();
                try
                {
                    await foreach (var t in backend.ListAsync(scope, cancellationToken).ConfigureAwait(false))
                        if (LeaseMarker.CreateTagOf(t.RawDescription) == tag) ours.Add(t);
                }
                catch (InfluxTokensException check)
                {
                    throw Unknown(lost.Kind, "The answer to creating " + what + " was lost (" + lost.Message + "), and finding out whether it was made failed too ("
                        + check.Message + "). Nothing more was created. If it was made, its description ends with '[create " + tag + "]': revoke that token before trying again.",
                        Array.Empty<string>(), check);
                }

                if (ours.Count == 1 && ours[0].Secret is not null) return ours[0];
                foreach (var t in ours)
                {
                    try
                    {
                        // Provably this call's (it bears the tag), and its value cannot be read: no one has it.
                        await backend.DeleteAsync(t.Id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (InfluxTokensException failed)
                    {
                        throw Unknown(failed.Kind, "The answer to creating " + what + " was lost (" + lost.Message + "); the token it made (" + t.Id
                            + ") could not be read back with its value, and removing it failed (" + failed.Message + "). Nothing more was created: revoke " + t.Id + " and try again.",
                            new[] { t.Id }, failed);
                    }
                }

                try
                {
                    return await create(cancellationToken).ConfigureAwait(false);
                }
                catch (InfluxTokensException again) when (again.OutcomeUnknown)
                {
                    throw Unknown(again.Kind, "The answer to creating " + what + " was lost twice (" + again.Message + "). Nothing more was created. If it was made, "
                        + "its description ends with '[create " + tag + "]': revoke that token before trying again.", Array.Empty<string>(), again);
                }
            }
        }

        /// <summary>
        /// Where names are unique (InfluxDB 3 Core and Enterprise) the create is simply sent again: the server refuses a
        /// second token of the same name, so a new token proves the lost create made nothing. A refusal cannot tell this
        /// call's token from one of that name made before it: nothing is taken, and the error names it.
        /// </summary>
        public static async Task<InfluxToken> CreateUniqueNameAsync(string name, Func<CancellationToken, Task<InfluxToken>> create, CancellationToken cancellationToken)
        {
            try
            {
                return await create(cancellationToken).ConfigureAwait(false);
            }
            catch (InfluxTokensException lost) when (lost.OutcomeUnknown)
            {
                try
                {
                    return await create(cancellationToken).ConfigureAwait(false);
                }
                catch (InfluxApiException exists) when (exists.Kind == InfluxErrorKind.Conflict)
                {
                    throw Unknown(InfluxErrorKind.Conflict, "The answer to creating token '" + name + "' was lost (" + lost.Message + "), and a token named '" + name
                        + "' exists: it was made either by this call or before it, which cannot be told apart. Nothing more was created and nothing was revoked. "
                        + "If it is the one just made, its value is lost: revoke '" + name + "' and create it again.", new[] { name }, exists);
                }
            }
        }

        private static InfluxTokensException Unknown(InfluxErrorKind kind, string message, IReadOnlyList<string> candidates, Exception inner) =>
            new InfluxTokensException(kind, message, inner) { OutcomeUnknown = true, CandidateIds = candidates };
    }
}
