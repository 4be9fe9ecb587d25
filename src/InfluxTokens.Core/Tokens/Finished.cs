using System;

namespace InfluxTokens.Tokens
{
    /// <summary>One finished item: its input, and its result or the failure it ended with.</summary>
    public readonly struct Finished<TInput, TResult>
    {
        public Finished(TInput input, TResult? result, Exception? error)
        {
            Input = input;
            Result = result;
            Error = error;
        }

        public TInput Input { get; }
        public TResult? Result { get; }
        public Exception? Error { get; }
    }
}
