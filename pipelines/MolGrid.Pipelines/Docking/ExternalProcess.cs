using System.Diagnostics;

namespace MolGrid.Pipelines.Docking;

/// <summary>Runs a tool (vina, obabel) with a deadline; kills its process tree on timeout or cancellation.</summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string? stdin, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new DockingFailedException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DockingFailedException($"could not start {file}: {e.Message} (is it installed? scripts/setup.sh installs autodock-vina and openbabel)", e);
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync(ct);
            var stderr = p.StandardError.ReadToEndAsync(ct);
            if (stdin is not null)
            {
                await p.StandardInput.WriteAsync(stdin);
                p.StandardInput.Close();
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                await p.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                ct.ThrowIfCancellationRequested();
                throw new DockingFailedException($"{Path.GetFileName(file)} timed out after {timeout.TotalSeconds:0} s");
            }
            return new Result(p.ExitCode, await stdout, await stderr, sw.Elapsed);
        }
    }
}
