using System.CommandLine;
using System.Globalization;
using MolGrid.Cli.Campaigns;
using MolGrid.Grains;
using Spectre.Console;

namespace MolGrid.Cli.Commands;

/// <summary>
/// `molgrid campaign submit|status|watch|top|export|cancel`: against a server (--server URL --api-key KEY, or
/// $MOLGRID_SERVER / $MOLGRID_API_KEY) or, without a server, the embedded grid in this process (data in
/// --data, $MOLGRID_DATA or MOLGRID_HOME/.molgrid). Embedded, `submit` runs the campaign to the end.
/// </summary>
public static class CampaignCommands
{
    private const long MaxExpressionBytes = 20L * 1024 * 1024;

    private sealed class Connection
    {
        public readonly Option<string?> Server = new("--server") { Description = "MolGrid server URL (default $MOLGRID_SERVER; none: embedded grid)" };
        public readonly Option<string?> ApiKey = new("--api-key") { Description = "API key for the server (default $MOLGRID_API_KEY)" };
        public readonly Option<string?> Data = new("--data") { Description = "Embedded grid's data directory" };

        public void AddTo(Command c) { c.Options.Add(Server); c.Options.Add(ApiKey); c.Options.Add(Data); }

        public async Task<ICampaignBackend> OpenAsync(ParseResult p, bool runWork, CancellationToken ct)
        {
            PlainOutputWhenRedirected();
            var server = p.GetValue(Server) ?? Env("MOLGRID_SERVER");
            if (server is not null) return new RemoteCampaignBackend(server, p.GetValue(ApiKey) ?? Env("MOLGRID_API_KEY") ?? "");
            return await EmbeddedCampaignBackend.StartAsync(Path.GetFullPath(p.GetValue(Data) ?? MolGridPaths.Data), runWork, ct);
        }

        private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
    }

    private sealed class Filters
    {
        public readonly Option<string[]> Filter = new("--filter") { Description = "NAME>=X, NAME<=X or NAME=LO..HI on any score or descriptor (repeatable)", AllowMultipleArgumentsPerToken = false };
        public readonly Option<string?> Substructure = new("--substructure") { Description = "Keep molecules containing this SMARTS" };
        public readonly Option<string?> SimilarTo = new("--similar-to") { Description = "Keep molecules similar to this SMILES (Morgan r2, 2048 bits)" };
        public readonly Option<double?> MinSimilarity = new("--min-similarity") { Description = "Tanimoto threshold for --similar-to (0..1)" };
        public readonly Option<string> Sort = new("--sort") { Description = "Column to sort by (score, round, any component or descriptor)", DefaultValueFactory = _ => "score" };
        public readonly Option<string?> Order = new("--order") { Description = "asc or desc" };

        public void AddTo(Command c) { foreach (var o in new Option[] { Filter, Substructure, SimilarTo, MinSimilarity, Sort, Order }) c.Options.Add(o); }

        public CandidateFilterArgs Read(ParseResult p) =>
            new(p.GetValue(Filter) ?? [], p.GetValue(Substructure), p.GetValue(SimilarTo), p.GetValue(MinSimilarity), p.GetValue(Sort)!, p.GetValue(Order));
    }

    public static Command Create()
    {
        var cmd = new Command("campaign", "Submit and follow design campaigns, read candidate rankings, export them.");
        cmd.Subcommands.Add(Submit());
        cmd.Subcommands.Add(Status());
        cmd.Subcommands.Add(Watch());
        cmd.Subcommands.Add(Top());
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Cancel());
        return cmd;
    }

    private static Command Submit()
    {
        var conn = new Connection();
        var spec = new Argument<string>("SPEC") { Description = "Campaign spec file (YAML or JSON)" };
        var expression = new Option<string?>("--expression") { Description = "Expression matrix for target selection (uploaded with the spec)" };
        var detach = new Option<bool>("--detach") { Description = "Return after submitting instead of following progress" };
        var cmd = new Command("submit", "Submit a campaign; follows its progress unless --detach.") { spec, expression, detach };
        conn.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            var specText = ReadText(p.GetValue(spec)!);
            string? exprName = null;
            byte[]? exprData = null;
            if (p.GetValue(expression) is { } exprPath)
            {
                var full = Path.GetFullPath(exprPath);
                if (!File.Exists(full)) throw new CampaignRequestException(exprPath, "no such file");
                if (new FileInfo(full).Length > MaxExpressionBytes) throw new CampaignRequestException(exprPath, $"larger than {MaxExpressionBytes / (1024 * 1024)} MiB");
                exprName = Path.GetFileName(full);
                exprData = await File.ReadAllBytesAsync(full, ct);
            }
            // Detached, this process only stores the campaign: it must not claim work it is about to abandon.
            await using var backend = await conn.OpenAsync(p, runWork: !p.GetValue(detach), ct);
            var info = await backend.SubmitAsync(specText, exprName, exprData, ct);
            Console.WriteLine($"submitted {info.Id} ({info.Name}) as {info.Owner} to {backend.Description}");
            if (p.GetValue(detach)) return CliRunner.Ok;
            try
            {
                return ExitFor(await FollowAsync(backend, info.Id, ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Interrupted, not cancelled: the campaign and its finished rounds stay in the store.
                Console.Error.WriteLine($"stopped following {info.Id}; it is kept: `molgrid campaign watch {info.Id}` continues it, `molgrid campaign cancel {info.Id}` ends it");
                throw;
            }
        });
        return cmd;
    }

    private static Command Status()
    {
        var conn = new Connection();
        var id = new Argument<string>("ID") { Description = "Campaign id" };
        var cmd = new Command("status", "A campaign's status and per-round progress.") { id };
        conn.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            await using var backend = await conn.OpenAsync(p, runWork: false, ct);
            var (info, rounds) = await backend.GetAsync(p.GetValue(id)!, ct);
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string k, string v) => grid.AddRow(new Markup($"[grey]{k}[/]"), new Text(v));
            Row("campaign", $"{info.Id} ({info.Name})");
            Row("owner", info.Owner);
            Row("status", info.Status.ToString());
            Row("round", info.Round.ToString(CultureInfo.InvariantCulture));
            Row("oracle calls", $"{info.OracleCalls} / {info.Budget} ({Percent(info)})");
            Row("best score", Num(info.BestScore));
            Row("created", info.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            if (info.FinishedAt is { } f) Row("finished", f.ToString("u", CultureInfo.InvariantCulture));
            if (info.Error is { } e) Row("error", e);
            AnsiConsole.Write(grid);
            if (rounds.Count > 0)
            {
                var table = new Table().Border(TableBorder.Simple).AddColumns("round", "oracle calls", "best", "mean", "best so far");
                foreach (var c in table.Columns) c.RightAligned();
                foreach (var r in rounds.TakeLast(15))
                    table.AddRow(r.Round.ToString(CultureInfo.InvariantCulture), r.OracleCalls.ToString(CultureInfo.InvariantCulture), Num(r.BestScore), Num(r.MeanScore), Num(r.BestSoFar));
                if (rounds.Count > 15) table.Caption($"last 15 of {rounds.Count} rounds");
                AnsiConsole.Write(table);
            }
            return CliRunner.Ok;
        });
        return cmd;
    }

    private static Command Watch()
    {
        var conn = new Connection();
        var id = new Argument<string>("ID") { Description = "Campaign id" };
        var cmd = new Command("watch", "Follow a campaign's progress until it ends.") { id };
        conn.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            await using var backend = await conn.OpenAsync(p, runWork: true, ct);
            return ExitFor(await FollowAsync(backend, p.GetValue(id)!, ct));
        });
        return cmd;
    }

    private static Command Top()
    {
        var conn = new Connection();
        var filters = new Filters();
        var id = new Argument<string>("ID") { Description = "Campaign id" };
        var count = new Option<int>("--count", "-n") { Description = "How many candidates", DefaultValueFactory = _ => 20 };
        var cmd = new Command("top", "The best candidates of a campaign, after optional filters.") { id, count };
        conn.AddTo(cmd);
        filters.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            var n = p.GetValue(count);
            if (n is < 1 or > 500) throw new CampaignRequestException("-n", "must be 1..500");
            await using var backend = await conn.OpenAsync(p, runWork: false, ct);
            var page = await backend.QueryAsync(p.GetValue(id)!, filters.Read(p), 1, n, ct);
            AnsiConsole.Write(CandidateTable(page.Items));
            Console.WriteLine($"{page.Items.Count} of {page.Total} candidates");
            return CliRunner.Ok;
        });
        return cmd;
    }

    private static Command Export()
    {
        var conn = new Connection();
        var filters = new Filters();
        var id = new Argument<string>("ID") { Description = "Campaign id" };
        var format = new Option<string>("--format") { Description = "csv or sdf", DefaultValueFactory = _ => "csv" };
        var output = new Option<string>("--out") { Description = "File to write", Required = true };
        var cmd = new Command("export", "Write a campaign's candidates (after optional filters) as CSV or SDF.") { id, format, output };
        conn.AddTo(cmd);
        filters.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            var fmt = p.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("csv" or "sdf")) throw new CampaignRequestException("--format", "must be csv or sdf");
            var target = Path.GetFullPath(p.GetValue(output)!);
            var dir = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(dir)) throw new CampaignRequestException(p.GetValue(output)!, "its directory does not exist");
            await using var backend = await conn.OpenAsync(p, runWork: false, ct);
            // Write beside the target and move into place, so a failure never leaves a truncated file.
            var temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var stream = File.Create(temp))
                    await backend.ExportAsync(p.GetValue(id)!, fmt, filters.Read(p), stream, ct);
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            var records = fmt == "csv"
                ? Math.Max(0, File.ReadLines(target).Count() - 1)
                : File.ReadLines(target).Count(l => l == "$$$$");
            Console.WriteLine($"wrote {records} candidates to {target}");
            return CliRunner.Ok;
        });
        return cmd;
    }

    private static Command Cancel()
    {
        var conn = new Connection();
        var id = new Argument<string>("ID") { Description = "Campaign id" };
        var cmd = new Command("cancel", "Stop a running campaign after its current round.") { id };
        conn.AddTo(cmd);
        cmd.SetAction(async (p, ct) =>
        {
            await using var backend = await conn.OpenAsync(p, runWork: false, ct);
            var info = await backend.CancelAsync(p.GetValue(id)!, ct);
            Console.WriteLine($"cancel requested for {info.Id} (now {info.Status})");
            return CliRunner.Ok;
        });
        return cmd;
    }

    /// <summary>Tables and text without colour codes when stdout is a file or pipe.</summary>
    private static void PlainOutputWhenRedirected()
    {
        if (!Console.IsOutputRedirected) return;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        // No terminal to fit: use $COLUMNS when set, else room enough that SMILES rarely wrap.
        AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40 ? columns : 160;
    }

    /// <summary>Shows progress until the campaign ends: a live bar on a terminal, one line per round otherwise.</summary>
    private static async Task<CampaignInfo> FollowAsync(ICampaignBackend backend, string id, CancellationToken ct)
    {
        CampaignInfo? last = null;
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(id), maxValue: 1);
                    await foreach (var (info, _) in backend.WatchAsync(id, ct))
                    {
                        last = info;
                        task.MaxValue = Math.Max(1, info.Budget);
                        task.Value = info.Status == CampaignStatus.Completed ? task.MaxValue : info.OracleCalls;
                        task.Description = Markup.Escape($"{info.Name}: round {info.Round}, best {Num(info.BestScore)}, {info.Status}");
                    }
                    task.StopTask();
                });
        }
        else
        {
            await foreach (var (info, round) in backend.WatchAsync(id, ct))
            {
                last = info;
                if (round is not null)
                    Console.WriteLine($"round {round.Round}: {round.OracleCalls}/{info.Budget} oracle calls, best {Num(round.BestScore)}, mean {Num(round.MeanScore)}, best so far {Num(round.BestSoFar)}");
            }
        }
        last ??= (await backend.GetAsync(id, ct)).Info;
        Console.WriteLine($"{last.Id} {last.Status}: {last.OracleCalls}/{last.Budget} oracle calls in {last.Round} rounds, best score {Num(last.BestScore)}{(last.Error is null ? "" : $" ({last.Error})")}");
        return last;
    }

    private static Table CandidateTable(IReadOnlyList<Candidate> items)
    {
        // Transformed component values only: the ".raw" twins are in the export.
        var components = items.SelectMany(c => c.Components.Keys).Where(k => !k.EndsWith(".raw", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).Take(3).ToList();
        string[] preferred = ["mw", "clogp", "tpsa", "qed"];
        var present = items.SelectMany(c => c.Descriptors.Keys).ToHashSet();
        var descriptors = preferred.Where(present.Contains).Take(3).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("#").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("score").RightAligned().NoWrap());
        table.AddColumn(new TableColumn("SMILES"));
        foreach (var c in components.Concat(descriptors)) table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned().NoWrap());
        table.AddColumn(new TableColumn("round").RightAligned().NoWrap());
        foreach (var c in items)
        {
            var cells = new List<string> { c.Rank.ToString(CultureInfo.InvariantCulture), Num(c.Score), c.Smiles };
            cells.AddRange(components.Select(k => c.Components.TryGetValue(k, out var v) ? Num(v) : "-"));
            cells.AddRange(descriptors.Select(k => c.Descriptors.TryGetValue(k, out var v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-"));
            cells.Add(c.Round.ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells.Select(x => new Text(x)).ToArray<Spectre.Console.Rendering.IRenderable>());
        }
        return table;
    }

    private static string ReadText(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new CampaignRequestException(path, "no such file");
        return File.ReadAllText(full);
    }

    private static int ExitFor(CampaignInfo info) => info.Status == CampaignStatus.Failed ? CliRunner.Failure : CliRunner.Ok;

    private static string Percent(CampaignInfo i) => i.Budget > 0 ? $"{100.0 * i.OracleCalls / i.Budget:0}%" : "-";

    private static string Num(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
