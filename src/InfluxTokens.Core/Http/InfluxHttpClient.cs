using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace InfluxTokens.Http
{
    /// <summary>
    /// The one HTTP client of a connection: it owns a pooled <see cref="HttpClient"/>, adds the credential to
    /// each request, applies the timeout, and turns every failure into an <see cref="InfluxTokensException"/>
    /// whose message names the endpoint and status but never a token value.
    /// </summary>
    public sealed class InfluxHttpClient : IDisposable
    {
        private const int MaxErrorBodyBytes = 64 * 1024;

        /// <summary>The most a single JSON document (not a streamed list) may take: far above any token, create answer or resource list.</summary>
        internal const long MaxDocumentBytes = 16L * 1024 * 1024;

        private readonly HttpClient _client;
        private readonly TokenSecret _token;
        private readonly CredentialScrubber _scrubber;
        private readonly string _base;

        /// <param name="options">Where to connect and how.</param>
        /// <param name="authScheme"><c>Token</c> for InfluxDB 2.x, <c>Bearer</c> for the InfluxDB 3 APIs.</param>
        /// <param name="handler">A handler to send through instead of the network (tests); the client then does not own TLS settings.</param>
        public InfluxHttpClient(InfluxServerOptions options, string authScheme, HttpMessageHandler? handler = null)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            _token = options.Token;
            _scrubber = new CredentialScrubber(_token.Reveal());
            AuthScheme = authScheme;
            _base = options.Url.AbsoluteUri.TrimEnd('/');
            // A handler given by the caller (tests) stays the caller's: it may serve several clients.
            _client = new HttpClient(handler ?? CreateHandler(options), disposeHandler: handler is null)
            {
                // Each request gets its own deadline (see SendCoreAsync) so a timeout can be told from Ctrl+C.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("InfluxTokens", typeof(InfluxHttpClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        }

        public InfluxServerOptions Options { get; }

        /// <summary>The Authorization scheme (Token, Bearer) of every request this client sends, fixed when it is made.</summary>
        public string AuthScheme { get; }

        /// <summary>GET a JSON document.</summary>
        public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken, params KeyValuePair<string, string?>[] query)
        {
            using var response = await SendCoreAsync(HttpMethod.Get, path, query, null, allowNotFound: false, cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response!, HttpMethod.Get, path, type, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// GET a JSON array (the document, or the one under <paramref name="property"/>) and yield its elements as
        /// they arrive. The timeout applies to the headers and then to each wait for more of the body, so a long
        /// list is not cut off while it is still flowing.
        /// </summary>
        public IAsyncEnumerable<T?> GetArrayAsync<T>(string path, string? property, JsonTypeInfo<T> type,
            CancellationToken cancellationToken, params KeyValuePair<string, string?>[] query) =>
            GetArrayAsync(path, property, StreamingJsonArray.ElementsAs(type), cancellationToken, query);

        /// <summary>As above, each element read by a reader of the caller's (a list's own, for its hot path).</summary>
        internal async IAsyncEnumerable<T?> GetArrayAsync<T>(string path, string? property, JsonElementReader<T> element,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, params KeyValuePair<string, string?>[] query)
        {
            using var response = await SendCoreAsync(HttpMethod.Get, path, query, null, allowNotFound: false, cancellationToken).ConfigureAwait(false);
            var status = (int)response!.StatusCode;
            using var stream = new ReadDeadlineStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), Options.Timeout);
            var items = StreamingJsonArray.ReadAsync(stream, property, element, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    T? item;
                    try
                    {
                        if (!await items.MoveNextAsync().ConfigureAwait(false)) break;
                        item = items.Current;
                    }
                    catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
                    {
                        throw ReadFailure(ex, HttpMethod.Get, path, status);
                    }

                    yield return item;
                }
            }
            finally
            {
                await items.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>This client, when it sends its credential with the scheme an API takes (a backend's check on construction).</summary>
        internal InfluxHttpClient RequireScheme(string scheme) =>
            AuthScheme == scheme ? this
                : throw new ArgumentException("This API takes its credential with the " + scheme + " scheme; the client sends " + AuthScheme + ".", nameof(scheme));

        /// <summary>GET a JSON document, or null when the server answers 404.</summary>
        public async Task<T?> GetOrNullAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
            where T : class
        {
            using var response = await SendCoreAsync(HttpMethod.Get, path, null, null, allowNotFound: true, cancellationToken).ConfigureAwait(false);
            if (response is null) return null;
            return await ReadJsonAsync(response, HttpMethod.Get, path, type, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Send a JSON body and read a JSON answer (POST, PATCH).</summary>
        public async Task<TResponse> SendAsync<TRequest, TResponse>(
            HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
            using var response = await SendCoreAsync(method, path, null, bytes, allowNotFound: false, cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response!, method, path, responseType, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// DELETE; true when the server deleted, false when a retried request found it gone (a lost answer of an
        /// earlier try had deleted it). A 404 to the first try is an error: there was nothing by that id.
        /// </summary>
        public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken, params KeyValuePair<string, string?>[] query)
        {
            try
            {
                using var response = await SendCoreAsync(HttpMethod.Delete, path, query, null, allowNotFound: false, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (InfluxApiException ex) when (ex.StatusCode == 404 && ex.AfterRetry)
            {
                return false;
            }
        }

        /// <summary>A request whose success has no body worth reading (a write probe).</summary>
        public async Task SendNoContentAsync(HttpMethod method, string path, CancellationToken cancellationToken, params KeyValuePair<string, string?>[] query)
        {
            using var response = await SendCoreAsync(method, path, query, null, allowNotFound: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// GET with the credential and read only the status and headers (<c>/ping</c>): InfluxDB 3 Core and Enterprise
        /// authenticate <c>/ping</c> unless started with <c>--disable-authz ping</c>; InfluxDB 2.x ignores the header there.
        /// </summary>
        public async Task<HttpResponseHeaders> ProbeAsync(string path, CancellationToken cancellationToken)
        {
            using var response = await SendCoreAsync(HttpMethod.Get, path, null, null, allowNotFound: false, cancellationToken).ConfigureAwait(false);
            return response!.Headers;
        }

        /// <summary>Requests the module retries when they fail in transit: they change nothing twice.</summary>
        private static bool IsIdempotent(HttpMethod m) => m == HttpMethod.Get || m == HttpMethod.Delete || m.Method == "PATCH" || m == HttpMethod.Head;

        private static bool IsTransient(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        /// <summary>Retries made by this client (for reports and benchmarks).</summary>
        public long Retries => Interlocked.Read(ref _retries);

        private long _retries;

        private async Task<HttpResponseMessage?> SendCoreAsync(
            HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string?>>? query, byte[]? body,
            bool allowNotFound, CancellationToken cancellationToken)
        {
            var retry = Options.Retry;
            var idempotent = IsIdempotent(method);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var waited = TimeSpan.Zero;
            // Time spent so far: the clock, or the waits themselves when the policy's delay does not really sleep.
            TimeSpan Spent() => clock.Elapsed > waited ? clock.Elapsed : waited;
            for (var attempt = 1; ; attempt++)
            {
                TimeSpan? wait;
                InfluxTokensException failure;
                using (var request = new HttpRequestMessage(method, BuildUri(path, query)))
                {
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    }

                    request.Headers.Authorization = new AuthenticationHeaderValue(AuthScheme, _token.Reveal());
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

                    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    deadline.CancelAfter(Options.Timeout);
                    HttpResponseMessage response;
                    try
                    {
                        response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = TimeoutError(method, path, ex);
                        wait = idempotent ? retry.Next(attempt, Spent(), null) : null;
                        if (wait is null) throw Unknown(failure, !idempotent);
                        goto Retry;
                    }
                    catch (HttpRequestException ex)
                    {
                        failure = new InfluxTokensException(InfluxErrorKind.Network,
                            method.Method + " " + path + " could not reach " + Options.Url.GetLeftPart(UriPartial.Authority) + ": " + Scrub(Innermost(ex)), ex)
                        {
                            ServerUnreachable = IsUnreachable(ex),
                        };
                        wait = idempotent ? retry.Next(attempt, Spent(), null) : null;
                        if (wait is null) throw Unknown(failure, !idempotent);
                        goto Retry;
                    }

                    var status = (int)response.StatusCode;
                    if (status >= 200 && status < 300) return response;
                    using (response)
                    {
                        if (status == 404 && allowNotFound) return null;
                        var error = await ErrorFromResponseAsync(response, method, path, cancellationToken).ConfigureAwait(false);
                        // 429 is refused before any work, so even a create may try again; the others only if idempotent.
                        wait = IsTransient(status) && (idempotent || status == 429) ? retry.Next(attempt, Spent(), error.RetryAfter) : null;
                        if (wait is null)
                        {
                            error.AfterRetry = attempt > 1;
                            throw Unknown(error, !idempotent && status is 502 or 503 or 504);
                        }

                        failure = error;
                    }
                }

                Retry:
                Interlocked.Increment(ref _retries);
                waited += wait!.Value;
                await retry.Delay(wait.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        private static InfluxTokensException Unknown(InfluxTokensException error, bool unknown)
        {
            if (unknown) error.OutcomeUnknown = true;
            return error;
        }

        private async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, HttpMethod method, string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Options.Timeout);
            try
            {
                using var stream = new BoundedReadStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), MaxDocumentBytes);
                var value = await JsonSerializer.DeserializeAsync(stream, type, deadline.Token).ConfigureAwait(false);
                if (value is null) throw Malformed(method, path, status, "an empty JSON document (null)", null);
                return value;
            }
            catch (AnswerTooLargeException tooLarge)
            {
                throw Malformed(method, path, status, "an answer of " + tooLarge.Message + ", larger than any such answer should be; it was not read further", tooLarge);
            }
            catch (Exception ex) when (IsReadFailure(ex, cancellationToken))
            {
                throw ReadFailure(ex, method, path, status);
            }
        }

        /// <summary>A failure while reading a response body: bad JSON, a read deadline (not Ctrl+C), or a broken connection.</summary>
        private static bool IsReadFailure(Exception ex, CancellationToken cancellationToken) =>
            ex is JsonException || ex is IOException || ex is HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

        private InfluxTokensException ReadFailure(Exception ex, HttpMethod method, string path, int status) => ex switch
        {
            JsonException => Malformed(method, path, status, "a body that is not the expected JSON (" + ex.Message + ")", ex),
            OperationCanceledException => TimeoutError(method, path, ex),
            _ => new InfluxTokensException(InfluxErrorKind.Network,
                method.Method + " " + path + " (HTTP " + status + "): the connection broke while reading the response: " + Scrub(Innermost(ex)), ex),
        };

        private async Task<InfluxApiException> ErrorFromResponseAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
        {
            var status = (int)response.StatusCode;
            var kind = InfluxApiException.KindForStatus(status);
            var retryAfter = RetryAfter(response);
            string? code = null, message = null;
            string? mediaType = response.Content?.Headers.ContentType?.MediaType;
            try
            {
                if (response.Content is not null)
                {
                    var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
                    (code, message) = ParseErrorBody(body);
                    // InfluxDB 3 answers catalog errors in plain text ("token name already exists, x").
                    if (message is null && mediaType is null or "text/plain" && body.Length is > 0 and <= 512)
                        message = Encoding.UTF8.GetString(body).Trim();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The status alone still says what happened.
            }

            var text = new StringBuilder()
                .Append(method.Method).Append(' ').Append(path).Append(" failed: HTTP ").Append(status);
            if (!string.IsNullOrEmpty(response.ReasonPhrase)) text.Append(" (").Append(Scrub(response.ReasonPhrase!)).Append(')');
            if (message is not null) text.Append(": ").Append(Scrub(message));
            else if (mediaType is not null && mediaType != "application/json")
                text.Append("; the response was ").Append(mediaType).Append(", not an InfluxDB error (a proxy or load balancer may have answered)");
            if (retryAfter is { } wait) text.Append("; retry after ").Append(wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)).Append(" s");

            return new InfluxApiException(kind, method.Method, path, status, code is null ? null : Scrub(code), message is null ? null : Scrub(message), text.ToString(), retryAfter);
        }

        /// <summary>
        /// Reads InfluxDB's error shapes: <c>{"code":"…","message"}</c> (2.x), <c>{"code":404,"message"}</c> (management
        /// API), <c>{"error"}</c> (3 Core); anything else yields nulls.
        /// </summary>
        internal static (string? Code, string? Message) ParseErrorBody(byte[] body)
        {
            if (body.Length == 0) return (null, null);
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
                string? Get(string name) =>
                    doc.RootElement.TryGetProperty(name, out var p)
                        ? p.ValueKind == JsonValueKind.String ? p.GetString() : p.ValueKind == JsonValueKind.Number ? p.GetRawText() : null
                        : null;
                return (Get("code"), Get("message") ?? Get("error"));
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while (buffer.Length < MaxErrorBodyBytes && (read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                buffer.Write(chunk, 0, read);
            return buffer.ToArray();
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta is { } delta) return delta;
            if (header.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        private InfluxApiException Malformed(HttpMethod method, string path, int status, string what, Exception? inner) =>
            InfluxApiException.Malformed(method.Method, path, status, Scrub(what), inner);

        private InfluxTokensException TimeoutError(HttpMethod method, string path, Exception inner) =>
            new InfluxTokensException(InfluxErrorKind.Timeout,
                method.Method + " " + path + " got no complete answer from " + Options.Url.GetLeftPart(UriPartial.Authority)
                + " within " + Options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s.", inner);

        /// <summary>Belt and braces: a server or proxy that echoes the credential, or part of it, must not put it in our messages.</summary>
        private string Scrub(string text) => _scrubber.Scrub(text)!;

        /// <summary>Refused, unknown host, no route: the server itself cannot be reached (not one broken exchange).</summary>
        private static bool IsUnreachable(Exception ex)
        {
            for (var e = ex; e is not null; e = e.InnerException)
                if (e is System.Net.Sockets.SocketException s)
                    return s.SocketErrorCode is System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                        or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable
                        or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData;
            return false;
        }

        private static string Innermost(Exception ex)
        {
            while (ex.InnerException is not null) ex = ex.InnerException;
            return ex.Message;
        }

        private Uri BuildUri(string path, IReadOnlyList<KeyValuePair<string, string?>>? query)
        {
            var sb = new StringBuilder(_base).Append(path);
            var first = true;
            if (query is not null)
            {
                foreach (var pair in query)
                {
                    if (pair.Value is null) continue;
                    sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
                    first = false;
                }
            }

            return new Uri(sb.ToString(), UriKind.Absolute);
        }

        /// <summary>Connections per server: enough for the most concurrent requests bulk work makes, whatever the runtime's default.</summary>
        internal const int MaxConnectionsPerServer = 256;

        internal static HttpClientHandler CreateHandler(InfluxServerOptions options)
        {
            var handler = new HttpClientHandler
            {
                // .NET Framework's default of 2 connections per server would serialise bulk work.
                MaxConnectionsPerServer = MaxConnectionsPerServer,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (options.SkipCertificateCheck)
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            return handler;
        }

        public void Dispose() => _client.Dispose();
    }
}
