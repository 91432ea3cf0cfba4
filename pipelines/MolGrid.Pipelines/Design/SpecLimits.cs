using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MolGrid.Pipelines.Design;

/// <summary>
/// Checks a spec's size and nesting before it is deserialised. YamlDotNet's deserialiser recurses once per
/// nesting level, so a spec of a thousand nested brackets overflows a request thread's stack and kills the
/// process (a stack overflow cannot be caught); the parser used here reads events in a loop instead.
/// </summary>
public static class SpecLimits
{
    /// <summary>Largest spec accepted, in characters (real specs are a few kilobytes).</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>Deepest nesting of mappings and lists accepted (real specs nest four or five levels).</summary>
    public const int MaxDepth = 32;

    public static void Check(string text, string sourceName)
    {
        if (text.Length > MaxLength)
            throw new SpecException(sourceName, $"the spec is {text.Length} characters long; the limit is {MaxLength}");
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                            throw new SpecException(sourceName, $"nested more than {MaxDepth} levels deep (line {parser.Current.Start.Line})");
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw new SpecException(sourceName, $"not valid YAML/JSON (line {e.Start.Line}, column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (InvalidOperationException)
        {
            // The event parser gives up on some malformed input without saying where. Everything before that
            // point was within the depth limit, and the deserialiser stops at the same point, so let it
            // report the syntax error with its position.
        }
    }
}
