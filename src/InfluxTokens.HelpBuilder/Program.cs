using InfluxTokens.HelpBuilder;

// HelpBuilder maml <docs/cmdlets folder> <output .dll-Help.xml>
if (args.Length != 3 || args[0] != "maml")
{
    Console.Error.WriteLine("usage: InfluxTokens.HelpBuilder maml <markdown folder> <output MAML file>");
    return 2;
}

try
{
    var pages = Directory.GetFiles(args[1], "*-*.md").OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => MarkdownHelp.Parse(File.ReadAllText(f), f)).ToList();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
    MamlWriter.Write(pages).Save(args[2]);
    Console.WriteLine($"{pages.Count} cmdlet help pages -> {args[2]}");
    return 0;
}
catch (FormatException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 1;
}
