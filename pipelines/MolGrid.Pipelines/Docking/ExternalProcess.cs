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
            // Armed before stdin is written: a child that never reads its input must not hang us past the deadline.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                if (stdin is not null)
                {
                    try
                    {
                        await p.StandardInput.WriteAsync(stdin.AsMemory(), deadline.Token);
                        p.StandardInput.Close();
                    }
                    catch (IOException) when (!deadline.IsCancellationRequested)
                    {
                        // The child exited or closed its input early (broken pipe); its exit code and stderr say why.
                    }
                }
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
