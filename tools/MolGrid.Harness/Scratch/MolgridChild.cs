using System.Diagnostics;
using System.Text;

namespace MolGrid.Harness.Scratch;

/// <summary>A `molgrid` or `molgrid-harness` child process (a silo), so a fault run can kill -9 it for real.
/// Its output is kept for the report when something goes wrong.</summary>
public sealed class MolgridChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private MolgridChild(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool Exited => _process.HasExited;

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>molgrid.dll next to the running program (a test that references the CLI).</summary>
    public static string DefaultDll => Path.Combine(AppContext.BaseDirectory, "molgrid.dll");

    /// <summary>molgrid-harness.dll next to the running program (the harness itself, or a test that references it).</summary>
    public static string HarnessDll => Path.Combine(AppContext.BaseDirectory, "molgrid-harness.dll");

    /// <summary>The repository root (the directory holding MolGrid.sln above this program), or $MOLGRID_HOME.</summary>
    public static string RepoRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MOLGRID_HOME") is { Length: > 0 } h) return h;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MolGrid.sln"))) return dir.FullName;
            return Directory.GetCurrentDirectory();
        }
    }

    public static MolgridChild Start(string name, params string[] args) => Start(DefaultDll, name, args);

    public static MolgridChild Start(string dll, string name, params string[] args) => StartAs(null, dll, name, args);

    /// <summary>Starts the child as another user (setpriv, so the pid is the child's own) when <paramref name="uid"/>
    /// is given: the fault suite's partition scenario filters that user's packets.</summary>
    public static MolgridChild StartAs(int? uid, string dll, string name, params string[] args)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{Path.GetFileName(dll)} is not built next to this program", dll);
        var psi = new ProcessStartInfo(uid is null ? "dotnet" : "setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (uid is { } u)
        {
            foreach (var a in new[] { $"--reuid={u}", $"--regid={u}", "--clear-groups", "dotnet" }) psi.ArgumentList.Add(a);
            // That user has no home of its own; the runtime wants somewhere to write.
            psi.Environment["HOME"] = psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var child = new MolgridChild(name, p);
        p.OutputDataReceived += (_, e) => child.Append(e.Data);
        p.ErrorDataReceived += (_, e) => child.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return child;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>SIGKILL: no shutdown code runs; the silo's connections just drop.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM and wait: the graceful stop path.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (_process.HasExited) return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        if (!_process.WaitForExit(timeout)) KillHard();
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }
}
