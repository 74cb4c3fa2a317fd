using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GoldenThread.Api;

/// <summary>The API as the reference page shows it: read from the OpenAPI document, so the page cannot describe another API.</summary>
public sealed record ApiReference(string Title, IReadOnlyList<string> Description, IReadOnlyList<ApiOperation> Operations, IReadOnlyList<ApiSchema> Schemas);

/// <summary>One operation: method and path, what it does, its parameters and answers, and example requests (relative addresses).</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    string Anchor,
    string Summary,
    IReadOnlyList<string> Description,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<ApiResponse> Responses,
    IReadOnlyList<string> Examples,
    string? BodyExample = null);

/// <summary>A parameter of an operation.</summary>
public sealed record ApiParameter(string Name, string In, bool Required, string Description, string Type, string? Example);

/// <summary>One possible answer: its status code, meaning, media types, its body in words and the schema the body names, if any.</summary>
public sealed record ApiResponse(string Status, string Description, IReadOnlyList<string> MediaTypes, string? Type, string? Schema);

/// <summary>A named schema from the document's components: an object with its fields, or a list of the words allowed.</summary>
public sealed record ApiSchema(string Name, string Anchor, string Description, IReadOnlyList<ApiField> Fields, IReadOnlyList<string> Values);

/// <summary>A field of a schema; <see cref="Schema"/> names the schema of its value (or of its items) when it has one.</summary>
public sealed record ApiField(string Name, string Type, bool Required, string Description, string? Schema);

/// <summary>
/// Reads the site's own OpenAPI document once, as the JSON it serves, and turns it into an <see cref="ApiReference"/>. The
/// document cannot change while the site runs, so it is read once and kept.
/// </summary>
public sealed class ApiReferenceReader(IServiceProvider services)
{
    private const string SchemaPrefix = "#/components/schemas/";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private ApiReference? _reference;

    public async Task<ApiReference> GetAsync(CancellationToken cancellationToken)
    {
        if (_reference is { } reference)
        {
            return reference;
        }

        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.Name);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
        var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
        _reference = Parse(json);
        return _reference;
    }

    /// <summary>Reads an OpenAPI 3.1 document's JSON.</summary>
    public static ApiReference Parse(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        var info = root.GetProperty("info");
        var schemas = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;

        var operations = new List<ApiOperation>();
        var referenced = new List<string>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var shared = Parameters(path.Value);
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    operations.Add(Operation(method.ToUpperInvariant(), path.Name, operation, shared, referenced));
                }
            }
        }

        return new ApiReference(
            Text(info, "title"),
            Paragraphs(Text(info, "description")),
            operations,
            SchemasReachableFrom(referenced, schemas));
    }

    private static ApiOperation Operation(string method, string path, JsonElement operation, IReadOnlyList<ApiParameter> shared, List<string> referenced)
    {
        var parameters = shared.Concat(Parameters(operation)).ToList();
        var responses = new List<ApiResponse>();
        if (operation.TryGetProperty("responses", out var answers))
        {
            foreach (var answer in answers.EnumerateObject())
            {
                var mediaTypes = new List<string>();
                string? type = null;
                string? schema = null;
                if (answer.Value.TryGetProperty("content", out var content))
                {
                    foreach (var mediaType in content.EnumerateObject())
                    {
                        mediaTypes.Add(mediaType.Name);
                        if (type is null && mediaType.Value.TryGetProperty("schema", out var body))
                        {
                            (type, schema) = Describe(body);
                        }
                    }
                }

                if (schema is not null)
                {
                    referenced.Add(schema);
                }

                responses.Add(new ApiResponse(answer.Name, Text(answer.Value, "description"), mediaTypes, type, schema));
            }
        }

        return new ApiOperation(
            method,
            path,
            Anchor(method + path),
            Text(operation, "summary"),
            Paragraphs(Text(operation, "description")),
            parameters,
            responses,
            // A request a reader can paste and run with their token; a write's example carries its body.
            Examples(path, parameters),
            BodyExample(operation));
    }

    /// <summary>The request body's JSON example, written on one line, when the document gives one.</summary>
    private static string? BodyExample(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("example", out var example)
            ? JsonSerializer.Serialize(example)
            : null;

    private static List<ApiParameter> Parameters(JsonElement owner)
    {
        var parameters = new List<ApiParameter>();
        if (!owner.TryGetProperty("parameters", out var list))
        {
            return parameters;
        }

        foreach (var parameter in list.EnumerateArray())
        {
            var example = parameter.TryGetProperty("example", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            var type = parameter.TryGetProperty("schema", out var schema) ? Describe(schema).Text : "string";
            parameters.Add(new ApiParameter(
                Text(parameter, "name"),
                Text(parameter, "in"),
                parameter.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
                Text(parameter, "description"),
                type,
                example));
        }

        return parameters;
    }

    /// <summary>A request with only the required parameters, and one with every parameter that has an example.</summary>
    private static List<string> Examples(string path, IReadOnlyList<ApiParameter> parameters)
    {
        var address = path;
        foreach (var parameter in parameters.Where(p => p.In == "path"))
        {
            address = address.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(parameter.Example ?? parameter.Name), StringComparison.Ordinal);
        }

        var query = parameters.Where(p => p.In == "query" && p.Example is not null).ToList();
        var examples = new List<string> { WithQuery(address, query.Where(p => p.Required)) };
        if (query.Any(p => !p.Required))
        {
            examples.Add(WithQuery(address, query));
        }

        return examples;

        static string WithQuery(string address, IEnumerable<ApiParameter> parameters)
        {
            var pairs = parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Example!)).ToList();
            return pairs.Count == 0 ? address : address + "?" + string.Join("&", pairs);
        }
    }

    /// <summary>
    /// The schemas that the responses name, each followed by those its fields name in turn; the problem details last,
    /// as they are the same for every operation.
    /// </summary>
    private static List<ApiSchema> SchemasReachableFrom(List<string> names, JsonElement schemas)
    {
        var result = new List<ApiSchema>();
        if (schemas.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            Visit(name);
        }

        return [.. result.OrderBy(s => s.Name.EndsWith("ProblemDetails", StringComparison.Ordinal) ? 1 : 0)];

        void Visit(string name)
        {
            if (!seen.Add(name) || !schemas.TryGetProperty(name, out var schema))
            {
                return;
            }

            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet(StringComparer.Ordinal) : [];
            var fields = new List<ApiField>();
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    var (type, named) = Describe(property.Value);
                    fields.Add(new ApiField(property.Name, type, required.Contains(property.Name), Description(property.Value), named));
                }
            }

            var values = schema.TryGetProperty("enum", out var words) ? words.EnumerateArray().Select(w => w.ToString()).ToList() : [];
            result.Add(new ApiSchema(name, Anchor("schema-" + name), Text(schema, "description"), fields, values));
            foreach (var field in fields)
            {
                if (field.Schema is { } named)
                {
                    Visit(named);
                }
            }
        }
    }

    /// <summary>A schema in words ("number or null", "list of ScorecardEntryDocument"), and the named schema it refers to.</summary>
    private static (string Text, string? Schema) Describe(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            name = name.StartsWith(SchemaPrefix, StringComparison.Ordinal) ? name[SchemaPrefix.Length..] : name;
            return (name, name);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var alternatives))
            {
                var described = alternatives.EnumerateArray().Select(Describe).OrderBy(d => d.Text == "null" ? 1 : 0).ToList();
                return (string.Join(" or ", described.Select(d => d.Text)), described.Select(d => d.Schema).FirstOrDefault(n => n is not null));
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            var listed = values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? "null" : v.ToString()).ToList();
            return ("one of " + string.Join(", ", listed), null);
        }

        var types = !schema.TryGetProperty("type", out var type)
            ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        string? itemSchema = null;
        var words = new List<string>();
        foreach (var t in types.OrderBy(t => t == "null" ? 1 : 0))
        {
            switch (t)
            {
                case "array":
                    var (items, named) = schema.TryGetProperty("items", out var i) ? Describe(i) : ("values", null);
                    itemSchema = named;
                    words.Add("list of " + items);
                    break;
                case "integer":
                    words.Add("whole number");
                    break;
                case "boolean":
                    words.Add("true or false");
                    break;
                default:
                    words.Add(t);
                    break;
            }
        }

        return (words.Count == 0 ? "any" : string.Join(" or ", words), itemSchema);
    }

    /// <summary>A field's description, which the generator puts inside the alternatives of a nullable reference.</summary>
    private static string Description(JsonElement schema)
    {
        var own = Text(schema, "description");
        if (own.Length > 0 || !schema.TryGetProperty("oneOf", out var alternatives))
        {
            return own;
        }

        return alternatives.EnumerateArray().Select(a => Text(a, "description")).FirstOrDefault(d => d.Length > 0) ?? string.Empty;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static List<string> Paragraphs(string text) =>
        [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>An id for a fragment link: "GET /api/v1/indicators/{code}" becomes "get-api-v1-indicators-code".</summary>
    private static string Anchor(string text)
    {
        var anchor = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                anchor.Append(char.ToLowerInvariant(c));
            }
            else if (anchor.Length > 0 && anchor[^1] != '-')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString().TrimEnd('-');
    }
}
