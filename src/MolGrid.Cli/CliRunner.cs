using System.CommandLine;

namespace MolGrid.Cli;

/// <summary>
/// MolGrid's exit-code policy: 0 success, 2 bad input (a typed <see cref="InvalidInputException"/> or a
/// command-line parse error; message on stderr, no stack trace, nothing on stdout), 1 anything else.
/// </summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Exit code after Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return BadInput;
        }
        try
        {
            // Ctrl+C and SIGTERM cancel the action's token. Commands that only follow progress stop at once; silo
            // and server hosts get 30 s (a campaign grain's graceful hand-off waits for its round) before the
            // process is abandoned with the same exit code.
            var code = await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            });
            if (code == Interrupted) Console.Error.WriteLine("interrupted");
            return code;
        }
        catch (Exception e) when (Unwrap(e) is InvalidInputException bad)
        {
            Console.Error.WriteLine($"error: {bad.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted");
            return Interrupted;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("MOLGRID_DEBUG") == "1") Console.Error.WriteLine(e);
            return Failure;
        }
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;
}
