using System.Reflection;

namespace InfluxTokens.Tests.Module;

/// <summary>
/// Cmdlet metadata read the only way that works without a PowerShell runtime: the stub
/// System.Management.Automation returns defaults from attribute properties, but
/// <see cref="CustomAttributeData"/> reports what the compiler wrote.
/// </summary>
public sealed record ParameterSetInfo(string Set, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

public sealed record ParameterInfo(PropertyInfo Property, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterSetInfo> Sets, IReadOnlyList<Type> Attributes)
{
    public Type Type => Property.PropertyType;
}

public sealed record CmdletInfo(Type Type, string Verb, string Noun, string? DefaultSet, bool SupportsShouldProcess, int ConfirmImpact,
    IReadOnlyList<Type> OutputTypes, IReadOnlyList<ParameterInfo> Parameters)
{
    public const string AllSets = "__AllParameterSets";

    public string Name => Verb + "-" + Noun;

    public IEnumerable<string> SetNames =>
        Parameters.SelectMany(p => p.Sets).Select(s => s.Set).Where(s => s != AllSets).Distinct();

    /// <summary>The parameters that take part in <paramref name="set"/> (its own, plus those in all sets).</summary>
    public IEnumerable<(ParameterInfo Parameter, ParameterSetInfo Set)> In(string set) =>
        Parameters.SelectMany(p => p.Sets.Where(s => s.Set == set || s.Set == AllSets).Select(s => (p, s)));

    public static IReadOnlyList<CmdletInfo> All { get; } = Load();

    public static CmdletInfo Named(string name) => All.Single(c => c.Name == name);

    private static IReadOnlyList<CmdletInfo> Load()
    {
        var assembly = typeof(InfluxTokens.Commands.InfluxCmdlet).Assembly;
        var result = new List<CmdletInfo>();
        foreach (var type in assembly.GetTypes())
        {
            var cmdlet = type.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
            if (cmdlet is null) continue;
            object? Named(CustomAttributeData a, string n) => a.NamedArguments.Where(x => x.MemberName == n).Select(x => x.TypedValue.Value).FirstOrDefault();
            var outputs = type.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
                .SelectMany(a => a.ConstructorArguments)
                .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { arg.Value })
                .OfType<Type>()
                .ToList();
            var parameters = new List<ParameterInfo>();
            foreach (var prop in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var attrs = prop.GetCustomAttributesData();
                var sets = attrs.Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
                    .Select(a => new ParameterSetInfo(
                        (string?)Named(a, "ParameterSetName") ?? CmdletInfo.AllSets,
                        (bool?)Named(a, "Mandatory") ?? false,
                        (int?)Named(a, "Position"),
                        (bool?)Named(a, "ValueFromPipeline") ?? false,
                        (bool?)Named(a, "ValueFromPipelineByPropertyName") ?? false))
                    .ToList();
                if (sets.Count == 0) continue;
                var aliases = attrs.Where(a => a.AttributeType.FullName == "System.Management.Automation.AliasAttribute")
                    .SelectMany(a => a.ConstructorArguments)
                    .SelectMany(arg => arg.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => (string)i.Value!) : new[] { (string)arg.Value! })
                    .ToList();
                parameters.Add(new ParameterInfo(prop, prop.Name, aliases, sets, attrs.Select(a => a.AttributeType).ToList()));
            }

            result.Add(new CmdletInfo(type,
                (string)cmdlet.ConstructorArguments[0].Value!,
                (string)cmdlet.ConstructorArguments[1].Value!,
                (string?)Named(cmdlet, "DefaultParameterSetName"),
                (bool?)Named(cmdlet, "SupportsShouldProcess") ?? false,
                (int?)Named(cmdlet, "ConfirmImpact") ?? 2,
                outputs,
                parameters));
        }

        return result.OrderBy(c => c.Name).ToList();
    }
}
