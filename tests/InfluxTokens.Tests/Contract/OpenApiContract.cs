using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using InfluxTokens.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace InfluxTokens.Tests.Contract;

/// <summary>
/// Validates JSON against the schemas of an official OpenAPI 3.0 file. OpenAPI's schema dialect is not JSON
/// Schema (nullable, readOnly, discriminator), and the contracts use a small part of it, which is all this
/// implements; a keyword it does not know fails the validation instead of being skipped silently.
/// </summary>
public sealed partial class OpenApiContract
{
    private static readonly ConcurrentDictionary<string, OpenApiContract> Cache = new();

    private static readonly HashSet<string> Ignored = new()
    {
        "description", "example", "examples", "readOnly", "writeOnly", "default", "title", "deprecated",
        "discriminator", "externalDocs", "xml",
    };

    private readonly YamlMappingNode _root;

    private OpenApiContract(YamlMappingNode root) => _root = root;

    public static OpenApiContract Load(string specFile) => Cache.GetOrAdd(specFile, f =>
    {
        var stream = new YamlStream();
        using var reader = File.OpenText(Repo.Spec(f));
        stream.Load(reader);
        return new OpenApiContract((YamlMappingNode)stream.Documents[0].RootNode);
    });

    /// <summary>Errors of <paramref name="json"/> against the response the contract declares for the operation (or its default).</summary>
    public IReadOnlyList<string> ValidateResponse(string method, string path, int status, string json)
    {
        var schema = Child(Map(Map(Response(method, path, status), "content"), "application/json"), "schema")
                     ?? throw new InvalidOperationException($"{method} {path} {status} declares no JSON schema");
        return Validate(schema, json);
    }

    /// <summary>Whether the contract declares a body for this response (a 204, or a 200 without content, has none).</summary>
    public bool DeclaresContent(string method, string path, int status) => Child(Response(method, path, status), "content") is not null;

    private YamlNode Response(string method, string path, int status)
    {
        var operation = Map(Map(Map(_root, "paths"), path), method.ToLowerInvariant());
        var responses = Map(operation, "responses");
        return Resolve(Child(responses, status.ToString(CultureInfo.InvariantCulture)) ?? Child(responses, "default")
                               ?? throw new InvalidOperationException($"{method} {path} declares no {status} or default response"));
    }

    /// <summary>Errors of <paramref name="json"/> against <c>#/components/schemas/<paramref name="schemaName"/></c>.</summary>
    public IReadOnlyList<string> ValidateSchema(string schemaName, string json) =>
        Validate(Map(Map(Map(_root, "components"), "schemas"), schemaName), json);

    private IReadOnlyList<string> Validate(YamlNode schema, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var errors = new List<string>();
        Check(schema, doc.RootElement, "$", errors);
        return errors;
    }

    private void Check(YamlNode node, JsonElement value, string at, List<string> errors)
    {
        var schema = (YamlMappingNode)Resolve(node);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (Scalar(schema, "nullable") != "true" && Child(schema, "type") is not null)
                errors.Add($"{at}: null where the contract does not allow it");
            return;
        }

        foreach (var (keyNode, child) in schema.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            switch (key)
            {
                case "$ref":
                    Check(Resolve(schema), value, at, errors);
                    break;
                case "type":
                    var type = ((YamlScalarNode)child).Value!;
                    if (!IsType(value, type)) errors.Add($"{at}: expected {type}, got {value.ValueKind}");
                    break;
                case "allOf":
                    foreach (var part in (YamlSequenceNode)child) Check(part, value, at, errors);
                    break;
                case "oneOf":
                case "anyOf":
                    var matches = ((YamlSequenceNode)child).Count(part => { var e = new List<string>(); Check(part, value, at, e); return e.Count == 0; });
                    if (matches == 0 || (key == "oneOf" && matches > 1)) errors.Add($"{at}: matches {matches} of the {key} alternatives");
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    foreach (var (nameNode, propSchema) in ((YamlMappingNode)child).Children)
                        if (value.TryGetProperty(((YamlScalarNode)nameNode).Value!, out var prop))
                            Check(propSchema, prop, at + "." + ((YamlScalarNode)nameNode).Value, errors);
                    break;
                case "required" when value.ValueKind == JsonValueKind.Object:
                    foreach (var name in ((YamlSequenceNode)child).Cast<YamlScalarNode>())
                        if (!value.TryGetProperty(name.Value!, out _)) errors.Add($"{at}: required property '{name.Value}' is missing");
                    break;
                case "additionalProperties" when value.ValueKind == JsonValueKind.Object:
                    var declared = Child(schema, "properties") is YamlMappingNode props
                        ? props.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet()
                        : new HashSet<string>();
                    foreach (var prop in value.EnumerateObject().Where(p => !declared.Contains(p.Name)))
                    {
                        if (child is YamlScalarNode { Value: "false" }) errors.Add($"{at}: property '{prop.Name}' is not allowed");
                        else if (child is YamlMappingNode) Check(child, prop.Value, at + "." + prop.Name, errors);
                    }

                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in value.EnumerateArray()) Check(child, item, $"{at}[{i++}]", errors);
                    break;
                case "enum":
                    var allowed = ((YamlSequenceNode)child).Cast<YamlScalarNode>().Select(s => s.Value).ToList();
                    var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
                    if (!allowed.Contains(text)) errors.Add($"{at}: '{text}' is not one of {string.Join(", ", allowed)}");
                    break;
                case "format" when value.ValueKind == JsonValueKind.String:
                    if (((YamlScalarNode)child).Value == "date-time" && !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                        errors.Add($"{at}: '{value.GetString()}' is not a date-time");
                    if (((YamlScalarNode)child).Value == "uuid" && !Guid.TryParseExact(value.GetString(), "D", out _))
                        errors.Add($"{at}: '{value.GetString()}' is not a uuid");
                    break;
                case "minProperties" when value.ValueKind == JsonValueKind.Object:
                    if (value.EnumerateObject().Count() < int.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: fewer than {((YamlScalarNode)child).Value} properties");
                    break;
                case "minItems" when value.ValueKind == JsonValueKind.Array:
                    if (value.GetArrayLength() < int.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: fewer than {((YamlScalarNode)child).Value} items");
                    break;
                case "maxItems" when value.ValueKind == JsonValueKind.Array:
                    if (value.GetArrayLength() > int.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: more than {((YamlScalarNode)child).Value} items");
                    break;
                case "minLength" when value.ValueKind == JsonValueKind.String:
                    if (value.GetString()!.Length < int.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: shorter than {((YamlScalarNode)child).Value}");
                    break;
                case "maxLength" when value.ValueKind == JsonValueKind.String:
                    if (value.GetString()!.Length > int.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: longer than {((YamlScalarNode)child).Value}");
                    break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    if (!System.Text.RegularExpressions.Regex.IsMatch(value.GetString()!, ((YamlScalarNode)child).Value!))
                        errors.Add($"{at}: '{value.GetString()}' does not match {((YamlScalarNode)child).Value}");
                    break;
                case "minimum" when value.ValueKind == JsonValueKind.Number:
                    if (value.GetDouble() < double.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: below the minimum {((YamlScalarNode)child).Value}");
                    break;
                case "maximum" when value.ValueKind == JsonValueKind.Number:
                    if (value.GetDouble() > double.Parse(((YamlScalarNode)child).Value!, CultureInfo.InvariantCulture))
                        errors.Add($"{at}: above the maximum {((YamlScalarNode)child).Value}");
                    break;
                case "properties" or "required" or "additionalProperties" or "items" or "format" or "minProperties" or "minItems" or "maxItems" or "minLength" or "maxLength" or "pattern" or "minimum" or "maximum" or "nullable":
                    break; // apply to other kinds of value
                default:
                    if (!Ignored.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                        errors.Add($"{at}: the validator does not implement '{key}'");
                    break;
            }
        }
    }

    private static bool IsType(JsonElement v, string type) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "number" => v.ValueKind == JsonValueKind.Number,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => throw new InvalidOperationException("unknown type " + type),
    };

    /// <summary>Follows <c>$ref: '#/a/b/c'</c> within the document.</summary>
    private YamlNode Resolve(YamlNode node)
    {
        while (node is YamlMappingNode map && Scalar(map, "$ref") is { } reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidOperationException("external $ref " + reference);
            node = reference[2..].Split('/').Aggregate((YamlNode)_root, (n, part) => Map(n, part.Replace("~1", "/").Replace("~0", "~")));
        }

        return node;
    }

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlNode Map(YamlNode node, string key) =>
        Child(node, key) ?? throw new KeyNotFoundException($"'{key}' not found in the contract");

    private static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
