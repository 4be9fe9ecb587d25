using System.Collections.Concurrent;
using InfluxTokens.Tests.Contract;

namespace InfluxTokens.Tests.Infrastructure;

/// <summary>Sends through the network and keeps each request as it went out: method, URI and body.</summary>
public sealed class RequestRecorder() : DelegatingHandler(new HttpClientHandler())
{
    private readonly ConcurrentQueue<WireRequest> _sent = new();

    public IReadOnlyList<WireRequest> Sent => _sent.ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _sent.Enqueue(new WireRequest(request.Method.Method, request.RequestUri!, body));
        return await base.SendAsync(request, cancellationToken);
    }
}
