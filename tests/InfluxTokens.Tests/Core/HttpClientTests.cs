using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using InfluxDB.Emulator;
using InfluxTokens.Backends;
using InfluxTokens.Backends.V2;
using InfluxTokens.Http;

namespace InfluxTokens.Tests.Core;

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
        var options = new InfluxServerOptions(new Uri("http://influx.example:8086/"), new TokenSecret(ConnectionToken)) { Timeout = timeout ?? TimeSpan.FromSeconds(5) };
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
    public async Task A_silent_server_times_out_with_a_message_that_says_so()
    {
        var (backend, _) = With(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; }, TimeSpan.FromMilliseconds(200));
        var ex = await Assert.ThrowsAsync<InfluxTokensException>(() => backend.GetAsync(Id, default));
        Assert.Equal(InfluxErrorKind.Timeout, ex.Kind);
        Assert.Contains("within 0.2 s", ex.Message);
        Assert.Contains("influx.example:8086", ex.Message);
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
