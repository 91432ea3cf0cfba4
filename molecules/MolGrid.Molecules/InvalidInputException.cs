namespace MolGrid;

/// <summary>
/// Base of every "the user gave us something we cannot use" error in MolGrid: a molecule, a file, a spec key,
/// an expression matrix. It names the input and the reason. Hosts map it to exit code 2 (CLI) or a 400
/// problem-details response (API); anything else is a bug.
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string input, string reason, Exception? inner = null)
        : base($"{Describe(input)}: {reason}", inner)
    {
        Input = input;
        Reason = reason;
    }

    /// <summary>The input as given: a SMILES, a file path, a spec key.</summary>
    public string Input { get; }

    public string Reason { get; }

    private static string Describe(string input)
    {
        const int max = 80;
        var shown = input.Length > max ? input[..max] + $"... ({input.Length} chars)" : input;
        return $"'{shown}'";
    }
}
