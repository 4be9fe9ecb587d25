using System;

namespace InfluxTokens
{
    /// <summary>
    /// An InfluxDB 2.x id, 16 lowercase hexadecimal digits, as the 64-bit number it writes out (exactly that text again). Which
    /// ids are valid is <see cref="Permission.IsId"/>'s to say; this only packs the lowercase ones a server lists.
    /// </summary>
    internal static class HexId
    {
        private const int Length = 16;
        private const string Digits = "0123456789abcdef";

        public static bool TryPack(string text, out ulong packed) => TryPack(text.AsSpan(), out packed);

        public static bool TryPack(ReadOnlySpan<char> text, out ulong packed)
        {
            packed = 0;
            if (text.Length != Length) return false;
            foreach (var c in text)
            {
                var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                if (digit < 0) return false; // uppercase too: the text must come back exactly as given
                packed = (packed << 4) | (uint)digit;
            }

            return true;
        }

        public static unsafe string Unpack(ulong packed)
        {
            var chars = stackalloc char[Length];
            for (var i = Length - 1; i >= 0; i--, packed >>= 4) chars[i] = Digits[(int)(packed & 0xF)];
            return new string(chars, 0, Length);
        }
    }
}
