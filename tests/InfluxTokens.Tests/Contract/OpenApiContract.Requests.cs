using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace InfluxTokens.Tests.Contract;

/// <summary>One request as it went on the wire: what the contract is asked to accept.</summary>
public sealed record WireRequest(string Method, Uri Uri, string? Body);

public sealed partial class OpenApiContract
{
    /// <summary>
    /// Checks a request against the contract: an operation for its method and path (the server's base path, or the
    /// operation's own, included), every query parameter declared and valid, every required one present, path
    /// parameters valid, and a JSON body valid against the declared request body. Returns the operation matched
    /// ("GET /authorizations/{authID}") and the errors; the operation is null when none matched.
    /// </summary>
    public (string? Operation, IReadOnlyList<string> Errors) ValidateRequest(WireRequest request)
    {
        var path = request.Uri.AbsolutePath;
        var method = request.Method.ToLowerInvariant();
        var candidates = ((YamlMappingNode)Map(_root, "paths")).Children
            .Select(p => (Template: ((YamlScalarNode)p.Key).Value!, Item: (YamlMappingNode)p.Value))
            .Where(p => Child(p.Item, method) is not null)
            .Select(p => (p.Template, p.Item, Args: Match(BasePath(p.Item, (YamlMappingNode)Child(p.Item, method)!) + p.Template, path)))
            .Where(p => p.Args is not null)
            .OrderBy(p => p.Args!.Count) // a literal segment beats a template one: /tokens/admin before /tokens/{id}
            .ToList();
        if (candidates.Count == 0) return (null, new[] { $"{request.Method} {path}: no operation in the contract" });

        var (template, item, args) = candidates[0];
        var operation = (YamlMappingNode)Child(item, method)!;
        var name = request.Method + " " + template;
        var errors = new List<string>();
        var parameters = Parameters(item).Concat(Parameters(operation)).ToList();
        var query = Query(request.Uri);
        foreach (var p in parameters)
        {
            var (pname, place) = (Scalar(p, "name")!, Scalar(p, "in"));
            var value = place switch
            {
                "query" => query.TryGetValue(pname, out var q) ? q : null,
                "path" => args!.TryGetValue(pname, out var a) ? a : null,
                _ => null,
            };
            if (value is null)
            {
                if (Scalar(p, "required") == "true" && place is "query" or "path") errors.Add($"{name}: required {place} parameter '{pname}' is missing");
                continue;
            }

            if (Child(p, "schema") is { } schema) CheckText(schema, value, $"{name} {place} '{pname}'", errors);
        }

        var declared = parameters.Where(p => Scalar(p, "in") == "query").Select(p => Scalar(p, "name")).ToHashSet();
        errors.AddRange(query.Keys.Where(k => !declared.Contains(k)).Select(k => $"{name}: query parameter '{k}' is not in the contract"));

        var body = Child(operation, "requestBody") is { } rb ? (YamlMappingNode)Resolve(rb) : null;
        if (request.Body is { Length: > 0 } json)
        {
            var schema = body is null ? null : Child(Child(Child(body, "content") ?? new YamlMappingNode(), "application/json") ?? new YamlMappingNode(), "schema");
            if (schema is null) errors.Add($"{name}: a JSON body where the contract declares none");
            else errors.AddRange(Validate(schema, json).Select(e => $"{name} body {e}"));
        }
        else if (body is not null && Scalar(body, "required") == "true")
        {
            errors.Add($"{name}: the required body is missing");
        }

        return (name, errors);
    }

    /// <summary>The path the operation's server puts in front of its template: its own servers, the path's, or the document's.</summary>
    private string BasePath(YamlMappingNode pathItem, YamlMappingNode operation)
    {
        var servers = Child(operation, "servers") ?? Child(pathItem, "servers") ?? Child(_root, "servers");
        var url = servers is YamlSequenceNode { Children.Count: > 0 } list ? Scalar(list.Children[0], "url") ?? "" : "";
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start >= 0) url = url.IndexOf('/', start + 3) is var slash and >= 0 ? url[slash..] : "";
        return url.TrimEnd('/');
    }

    /// <summary>The values of the template's {parameters} when <paramref name="path"/> fits it, segment by segment; else null.</summary>
    private static Dictionary<string, string>? Match(string template, string path)
    {
        var t = template.Split('/');
        var p = path.Split('/');
        if (t.Length != p.Length) return null;
        var args = new Dictionary<string, string>();
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i].StartsWith('{') && t[i].EndsWith('}') && p[i].Length > 0) args[t[i][1..^1]] = Uri.UnescapeDataString(p[i]);
            else if (t[i] != p[i]) return null;
        }

        return args;
    }

    private IEnumerable<YamlMappingNode> Parameters(YamlMappingNode node) =>
        Child(node, "parameters") is YamlSequenceNode list ? list.Select(p => (YamlMappingNode)Resolve(p)) : Enumerable.Empty<YamlMappingNode>();

    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""));

    /// <summary>A parameter's text checked as the JSON value it stands for: a number or boolean when the schema says so, else a string.</summary>
    private void CheckText(YamlNode schema, string text, string at, List<string> errors)
    {
        var type = Scalar(Resolve(schema), "type");
        var json = type is "integer" or "number" or "boolean" ? text : JsonSerializer.Serialize(text);
        try
        {
            using var doc = JsonDocument.Parse(json);
            Check(schema, doc.RootElement, at, errors);
        }
        catch (JsonException)
        {
            errors.Add($"{at}: '{text}' is not a {type}");
        }
    }
}
