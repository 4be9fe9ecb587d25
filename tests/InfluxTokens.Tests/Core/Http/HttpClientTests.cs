using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Backends.V2;
using InfluxTokens.Http;
using InfluxTokens.Tests.Infrastructure;

namespace InfluxTokens.Tests.Core.Http;

/// <summary>The HTTP plumbing under faults no well-behaved emulator produces: a scripted handler stands in for the network.</summary>
public class HttpClientTests
{
    private const string ConnectionToken = "conn-token-VALUE-that-must-never-leak==";
    private const string Id = "0a1b2c3d4e5f6071";

    private sealed class Scripted(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request);
            return respond(request, cancellationToken);
        }
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string body, string mediaType = "application/json")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        return response;
    }

    private static (V2TokenBackend Backend, Scripted Handler) With(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond, TimeSpan? timeout = null)
    {
        var handler = new Scripted(respond);
        var options = new InfluxServerOptions(new Uri("http://influx.example:8086/"), new TokenSecret(ConnectionToken))
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            Retry = InfluxTokens.Tests.Infrastructure.Scenario.NoSleep(),
        };
        return (new V2TokenBackend(new InfluxHttpClient(options, V2TokenBackend.AuthScheme, handler), InfluxProduct.InfluxDB2Oss, "my-org"), handler);
    }

    private static (V2TokenBackend Backend, Scripted Handler) With(HttpStatusCode status, string body, string mediaType = "application/json") =>
        With((_, _) => Task.FromResult(Respond(status, body, mediaType)));

    [Fact]
    public async Task Requests_carry_the_token_scheme_and_a_user_agent()
    {
        var (backend, handler) = With(HttpStatusCode.NoContent, "");
        Assert.True(await backend.DeleteAsync(Id, default));
        var request = Assert.Single(handler.Seen);
        Assert.Equal("Token", request.Headers.Authorization!.Scheme);
        Assert.Equal(ConnectionToken, request.Headers.Authorization.Parameter);
        Assert.Equal("http://influx.example:8086/api/v2/authorizations/" + Id, request.RequestUri!.ToString());
        Assert.Contains("InfluxTokens", request.Headers.UserAgent.ToString());
    }

    [Fact]
    public async Task A_proxy_error_page_names_the_endpoint_status_and_content_type()
    {
        var (backend, _) = With(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>", "text/html");
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.GetAsync(Id, default));
        Assert.Equal(InfluxErrorKind.ServerError, ex.Kind);
        Assert.Equal(502, ex.StatusCode);
        Assert.Null(ex.ServerMessage);
        Assert.Contains("GET /api/v2/authorizations/" + Id, ex.Message);
        Assert.Contains("HTTP 502", ex.Message);
        Assert.Contains("text/html", ex.Message);
    }

    [Theory]
    [InlineData("{\"id\":\"0a1b2c3d4e5f6071\",\"status\":", "not the expected JSON")]
    [InlineData("{\"id\":5,\"status\":\"active\"}", "not the expected JSON")]
    [InlineData("{\"status\":\"active\",\"permissions\":[]}", "without a valid id")]
    [InlineData("{\"id\":\"0a1b2c3d4e5f6071\",\"status\":\"paused\"}", "unknown status 'paused'")]
    [InlineData("{\"id\":\"0a1b2c3d4e5f6071\",\"status\":\"active\",\"permissions\":[{\"action\":\"own\",\"resource\":{\"type\":\"buckets\"}}]}", "unknown action 'own'")]
    [InlineData("{\"id\":\"0a1b2c3d4e5f6071\",\"status\":\"active\",\"permissions\":[{\"action\":\"read\"}]}", "without a resource type")]
    [InlineData("null", "empty JSON document")]
    [InlineData("", "not the expected JSON")]
    public async Task Malformed_success_bodies_become_clear_errors(string body, string says)
    {
        var (backend, _) = With(HttpStatusCode.OK, body);
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.GetAsync(Id, default));
        Assert.Equal(InfluxErrorKind.MalformedResponse, ex.Kind);
        Assert.Contains("GET /api/v2/authorizations/" + Id, ex.Message);
        Assert.Contains(says, ex.Message);
    }

    [Fact]
    public async Task A_list_without_its_array_is_malformed_not_empty()
    {
        var (backend, _) = With(HttpStatusCode.OK, "{\"links\":{}}");
        var ex = await Assert.ThrowsAsync<InfluxApiException>(async () => { await foreach (var _ in backend.ListAsync(TokenQuery.All, default)) { } });
        Assert.Equal(InfluxErrorKind.MalformedResponse, ex.Kind);
        Assert.Contains("no 'authorizations' array", ex.Message);
    }

    [Fact]
    public async Task Rate_limits_keep_retry_after()
    {
        var (backend, _) = With((_, _) =>
        {
            var r = Respond((HttpStatusCode)429, "{\"code\":\"too many requests\",\"message\":\"slow down\"}");
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return Task.FromResult(r);
        });
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.GetAsync(Id, default));
        Assert.Equal(InfluxErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal("slow down", ex.ServerMessage);
        Assert.Contains("retry after 7 s", ex.Message);
    }

    [Fact]
    public async Task A_server_that_echoes_the_credential_does_not_leak_it_into_messages()
    {
        var (backend, _) = With((req, _) => Task.FromResult(Respond(HttpStatusCode.BadRequest,
            "{\"code\":\"invalid\",\"message\":\"bad header " + req.Headers.Authorization + "\"}")));
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.GetAsync(Id, default));
        Assert.DoesNotContain(ConnectionToken, ex.Message);
        Assert.DoesNotContain(ConnectionToken, ex.ServerMessage);
        Assert.Contains(TokenSecret.Redacted, ex.ServerMessage);
    }

    [Fact]
    public async Task Echoes_in_any_case_or_in_part_are_scrubbed_from_the_reason_the_code_and_the_message()
    {
        var upper = ConnectionToken.ToUpperInvariant();
        var part = ConnectionToken.Substring(5, 12);                          // "token-VALUE-"
        var (backend, _) = With((_, _) =>
        {
            var r = Respond(HttpStatusCode.Unauthorized, "{\"code\":\"" + upper + "\",\"message\":\"unknown token ..." + part.ToLowerInvariant() + "...\"}");
            r.ReasonPhrase = "Bad " + upper;
            return Task.FromResult(r);
        });
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.GetAsync(Id, default));
        foreach (var text in new[] { ex.Message, ex.ServerCode!, ex.ServerMessage! })
        {
            for (var i = 0; i + 8 <= ConnectionToken.Length; i++)
                Assert.DoesNotContain(ConnectionToken.Substring(i, 8), text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(TokenSecret.Redacted, text);
        }

        Assert.Contains("unknown token ...", ex.ServerMessage);                // the rest of the server's text is kept
        Assert.Equal("unknown", new InfluxTokens.Http.CredentialScrubber(ConnectionToken).Scrub("unknown"));
        Assert.Equal("a VALUE b", new InfluxTokens.Http.CredentialScrubber(ConnectionToken).Scrub("a VALUE b")); // shorter runs occur by chance
    }

    [Fact]
    public async Task A_document_answer_past_the_size_bound_is_refused_clearly_without_reading_it_whole()
    {
        var sent = 0L;
        var (backend, _) = With((_, _) =>
        {
            // A 400 MB answer, produced only as fast as it is read: the client must stop long before the end.
            var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
            _ = Task.Run(async () =>
            {
                var chunk = Encoding.UTF8.GetBytes(new string(' ', 1 << 20));
                await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("["));
                for (var i = 0; i < 400; i++)
                {
                    if ((await pipe.Writer.WriteAsync(chunk)).IsCompleted) return;       // the reader stopped
                    Interlocked.Add(ref sent, chunk.Length);
                }

                await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("]"));
                await pipe.Writer.CompleteAsync();
            }, CancellationToken.None);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) });
        });
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.ServerResourceTypesAsync(default));
        Assert.Equal(InfluxErrorKind.MalformedResponse, ex.Kind);
        Assert.Contains("GET /api/v2/resources (HTTP 200) returned an answer of more than 16 MiB", ex.Message);
        await Task.Delay(100);
        Assert.True(Interlocked.Read(ref sent) < 64L << 20, "sent " + sent + " bytes");
    }

    [Fact]
    public async Task A_whole_operation_limit_bounds_every_try_and_retry_together()
    {
        // Each try may take 3 s and a silent server would get four of them; the command's own limit is 1 s.
        var (backend, _) = With(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; }, TimeSpan.FromSeconds(3));
        using var deadline = new OperationDeadline(TimeSpan.FromSeconds(1), default);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.GetAsync(Id, deadline.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), clock.Elapsed.ToString());
        Assert.True(deadline.Expired);
        var error = deadline.ExpiredError();
        Assert.Equal(InfluxErrorKind.Timeout, error.Kind);
        Assert.Contains("whole-operation limit of 1 s", error.Message);

        using var cancelled = new CancellationTokenSource();
        using var notExpired = new OperationDeadline(TimeSpan.FromMinutes(1), cancelled.Token);
        cancelled.Cancel();
        Assert.False(notExpired.Expired);                       // Ctrl+C is not the limit
    }

    [Fact]
    public async Task A_silent_server_times_out_with_a_message_that_says_so()
    {
        var (backend, _) = With(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; }, TimeSpan.FromMilliseconds(200));
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.GetAsync(Id, default));
        Assert.Equal(InfluxErrorKind.Timeout, ex.Kind);
        Assert.Contains("within 0.2 s", ex.Message);
        Assert.Contains("influx.example:8086", ex.Message);
    }

    private static byte[] ListOf(int count) => Encoding.UTF8.GetBytes("{\"authorizations\":[" + string.Join(",", Enumerable.Range(0, count).Select(i =>
        $$"""{"id":"{{i:x16}}","status":"active","description":"client-{{i}}","orgID":"00000000000000aa","permissions":[]}""")) + "]}");

    private static (V2TokenBackend Backend, Scripted Handler) WithBody(Stream body, TimeSpan timeout) =>
        With((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) }), timeout);

    [Fact]
    public async Task A_list_that_stops_arriving_part_way_times_out_after_what_came()
    {
        var list = ListOf(40);
        var (backend, _) = WithBody(new Trickle(list, 100, holdAt: list.Length / 200 * 100), TimeSpan.FromMilliseconds(200));
        var listed = new List<InfluxToken>();
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(async () =>
        {
            await foreach (var t in backend.ListAsync(TokenQuery.All, default)) listed.Add(t);
        });
        Assert.Equal(InfluxErrorKind.Timeout, ex.Kind);
        Assert.Contains("within 0.2 s", ex.Message);
        Assert.InRange(listed.Count, 10, 30);
    }

    [Fact]
    public async Task A_caller_slower_than_the_timeout_between_tokens_still_gets_the_whole_list()
    {
        // The timeout is the server's to keep: each wait for more of the body, not the time the caller spends on a token.
        var (backend, _) = WithBody(new Trickle(ListOf(4), 60), TimeSpan.FromMilliseconds(200));
        var listed = new List<InfluxToken>();
        await foreach (var t in backend.ListAsync(TokenQuery.All, default))
        {
            listed.Add(t);
            await Task.Delay(350);
        }

        Assert.Equal(4, listed.Count);
    }

    [Fact]
    public async Task Cancelling_is_not_reported_as_a_timeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var (backend, _) = With(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; }, TimeSpan.FromSeconds(30));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.GetAsync(Id, cts.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new InfluxServerOptions(new Uri($"http://127.0.0.1:{port}"), new TokenSecret(ConnectionToken));
        using var backend = new V2TokenBackend(new InfluxHttpClient(options, V2TokenBackend.AuthScheme), InfluxProduct.InfluxDB2Oss, null);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.GetAsync(Id, default));
        Assert.Equal(InfluxErrorKind.Network, ex.Kind);
        Assert.Contains($"could not reach http://127.0.0.1:{port}", ex.Message);
        Assert.True(ex.ServerUnreachable);                      // nothing further can succeed: a bulk run stops here
        Assert.True(ex.EndsEveryRequest);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("localhost:8086", "not an absolute http:// or https:// URL")]
    [InlineData("ftp://host", "not an absolute http:// or https:// URL")]
    [InlineData("http://admin:pw@host:8086", "must not carry a user name or password")]
    [InlineData("http://host:8086/?org=x", "must not have a query string")]
    public void Bad_urls_say_what_is_accepted(string url, string says)
    {
        var ex = Assert.Throws<ArgumentException>(() => InfluxServerOptions.ParseUrl(url));
        Assert.Contains(says, ex.Message);
        Assert.DoesNotContain("pw", ex.Message);
    }

    [Fact]
    public async Task Urls_with_a_proxy_prefix_keep_it()
    {
        var url = InfluxServerOptions.ParseUrl(" https://proxy.example/influx/ ");
        Assert.Equal("https://proxy.example/influx/", url.ToString());
        var handler = new Scripted((_, _) => Task.FromResult(Respond(HttpStatusCode.NoContent, "")));
        using var backend = new V2TokenBackend(new InfluxHttpClient(new InfluxServerOptions(url, new TokenSecret("t")), "Token", handler), InfluxProduct.InfluxDB2Oss, null);
        await backend.DeleteAsync(Id, default);
        Assert.Equal("https://proxy.example/influx/api/v2/authorizations/" + Id, handler.Seen[0].RequestUri!.ToString());
    }

    [Fact]
    public async Task Tls_is_verified_unless_the_caller_opts_out()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var cert = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pfx), null);
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Certificate = cert });
        Assert.Equal("https", server.Url.Scheme);

        var verified = new InfluxServerOptions(server.Url, new TokenSecret(server.SetupToken));
        using var strict = new V2TokenBackend(new InfluxHttpClient(verified, V2TokenBackend.AuthScheme), InfluxProduct.InfluxDB2Oss, null);
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => strict.GetAsync(server.SetupAuthorization.Id, default));
        Assert.Equal(InfluxErrorKind.Network, ex.Kind);

        var skipping = new InfluxServerOptions(server.Url, new TokenSecret(server.SetupToken)) { SkipCertificateCheck = true };
        using var lax = new V2TokenBackend(new InfluxHttpClient(skipping, V2TokenBackend.AuthScheme), InfluxProduct.InfluxDB2Oss, null);
        Assert.NotNull(await lax.GetAsync(server.SetupAuthorization.Id, default));
    }
}

/// <summary>Retries: idempotent requests on transient failures, with backoff, Retry-After and limits; creates only when safe.</summary>
public class RetryTests
{
    private const string Id = "0a1b2c3d4e5f6071";

    private static (InfluxTokens.Backends.V2.V2TokenBackend Backend, List<HttpRequestMessage> Seen, List<TimeSpan> Waits) With(
        Func<int, HttpResponseMessage> respond, RetryPolicy? policy = null)
    {
        var seen = new List<HttpRequestMessage>();
        var waits = new List<TimeSpan>();
        policy ??= new RetryPolicy(seed: 3);
        policy.Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; };
        var handler = new Handler(r => { seen.Add(r); return respond(seen.Count); });
        var options = new InfluxServerOptions(new Uri("http://x:8086"), new TokenSecret("t")) { Retry = policy };
        return (new InfluxTokens.Backends.V2.V2TokenBackend(new InfluxHttpClient(options, "Token", handler), InfluxProduct.InfluxDB2Oss, "o"), seen, waits);
    }

    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(respond(request));
    }

    private static HttpResponseMessage Status(int code, int? retryAfter = null)
    {
        var r = new HttpResponseMessage((System.Net.HttpStatusCode)code) { Content = new StringContent("{\"code\":\"unavailable\",\"message\":\"busy\"}") };
        if (retryAfter is { } s) r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        return r;
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried_with_growing_jittered_waits(int status)
    {
        var (backend, seen, waits) = With(n => n < 3 ? Status(status) : new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        Assert.True(await backend.DeleteAsync(Id, default));
        Assert.Equal(3, seen.Count);
        Assert.Equal(2, waits.Count);
        Assert.InRange(waits[0].TotalMilliseconds, 125, 250);
        Assert.InRange(waits[1].TotalMilliseconds, 250, 500);
    }

    [Fact]
    public async Task A_delete_is_gone_only_when_a_retry_finds_it_gone()
    {
        // The first try's answer is lost (the server may have deleted it); the retry's 404 then means gone.
        var (retried, _, _) = With(n => n == 1 ? Status(503) : Status(404));
        Assert.False(await retried.DeleteAsync(Id, default));

        // A 404 to the first try is a not-found error: the id named nothing.
        var (first, _, _) = With(_ => Status(404));
        Assert.Equal(404, (await Assert.ThrowsAsync<InfluxApiException>(() => first.DeleteAsync(Id, default))).StatusCode);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_attempts_are_bounded()
    {
        var (backend, seen, waits) = With(_ => Status(503, retryAfter: 2));
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.DeleteAsync(Id, default));
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(4, seen.Count);
        Assert.Equal(new[] { 2.0, 2, 2 }, waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task The_total_time_bounds_the_retries()
    {
        var (backend, seen, _) = With(_ => Status(429, retryAfter: 20), new RetryPolicy { MaxTotal = TimeSpan.FromSeconds(30) });
        var ex = await Assert.ThrowsAsync<InfluxApiException>(() => backend.DeleteAsync(Id, default));
        Assert.Equal(2, seen.Count); // a second 20 s wait would pass 30 s
        Assert.Equal(TimeSpan.FromSeconds(20), ex.RetryAfter);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Other_failures_are_not_retried(int status)
    {
        var (backend, seen, _) = With(_ => Status(status));
        try
        {
            Assert.Null(await backend.GetAsync(Id, default)); // 404: no such token
        }
        catch (InfluxTokensException)
        {
        }

        Assert.Single(seen);
    }

    [Fact]
    public async Task A_create_is_retried_on_429_only_and_flags_an_unknown_outcome_otherwise()
    {
        // The bucket's org is given, so the POST is the first request (a bucket by id alone is first looked up).
        var spec = new InfluxTokens.Backends.TokenSpec { Permissions = new[] { Permission.Parse("read:orgs/0a1b2c3d4e5f6072/buckets/0a1b2c3d4e5f6071") }, Org = "0a1b2c3d4e5f6072" };
        var (backend, seen, _) = With(n => Status(n == 1 ? 429 : 502));
        var ex = await Assert.ThrowsAnyAsync<InfluxTokensException>(() => backend.CreateAsync(spec, default));
        Assert.Equal(2, seen.Count(r => r.Method == HttpMethod.Post)); // 429 retried, 502 not
        Assert.True(ex.OutcomeUnknown);
        Assert.Contains("finding out whether it was made failed too", ex.Message); // the lookup also met 502s
        Assert.Contains("its description ends with '[create ", ex.Message);         // how to find it, should it have been made

        var (get, _, _) = With(_ => Status(502));
        var fromGet = await Assert.ThrowsAsync<InfluxApiException>(() => get.DeleteAsync(Id, default));
        Assert.False(fromGet.OutcomeUnknown); // idempotent: nothing to find out
    }

    [Fact]
    public async Task Cancelling_stops_the_waiting()
    {
        using var cts = new CancellationTokenSource();
        var policy = new RetryPolicy { Delay = (d, ct) => { cts.Cancel(); return Task.Delay(d, ct); } };
        var (backend, _, _) = With(_ => Status(503), policy);
        policy.Delay = (d, ct) => { cts.Cancel(); return Task.Delay(d, ct); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.DeleteAsync(Id, cts.Token));
    }
}
