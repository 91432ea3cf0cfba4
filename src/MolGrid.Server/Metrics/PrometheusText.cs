using System.Globalization;
using System.Text;
using MolGrid.Grains;

namespace MolGrid.Server.Metrics;

/// <summary>
/// The grid's counters in Prometheus' text exposition format 0.0.4: HELP and TYPE lines before each
/// family, label values escaped (backslash, quote, newline), numbers in invariant culture.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(GridMetrics m, IReadOnlyList<CampaignInfo> campaigns)
    {
        var sb = new StringBuilder();
        Family(sb, "molgrid_queue_depth", "gauge", "Messages waiting in each work queue.");
        foreach (var (queue, depth) in m.QueueDepths.OrderBy(p => p.Key, StringComparer.Ordinal))
            Sample(sb, "molgrid_queue_depth", [("queue", queue)], depth);

        Family(sb, "molgrid_batches_completed_total", "counter", "Scoring batches completed by the grid.");
        Sample(sb, "molgrid_batches_completed_total", [], m.BatchesCompleted);
        Family(sb, "molgrid_molecules_scored_total", "counter", "Molecules scored by the grid.");
        Sample(sb, "molgrid_molecules_scored_total", [], m.MoleculesScored);
        Family(sb, "molgrid_batches_per_second", "gauge", "Recent scoring throughput in batches per second.");
        Sample(sb, "molgrid_batches_per_second", [], m.BatchesPerSecond);

        var silos = m.Silos.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        Family(sb, "molgrid_silo_slots", "gauge", "Batches a silo works on at once.");
        foreach (var s in silos) Sample(sb, "molgrid_silo_slots", SiloLabels(s), s.Slots);
        Family(sb, "molgrid_silo_busy", "gauge", "Batches a silo is working on now.");
        foreach (var s in silos) Sample(sb, "molgrid_silo_busy", SiloLabels(s), s.Busy);
        Family(sb, "molgrid_silo_load", "gauge", "Busy slots over slots (0 to 1).");
        foreach (var s in silos) Sample(sb, "molgrid_silo_load", SiloLabels(s), s.Slots > 0 ? (double)s.Busy / s.Slots : 0);
        Family(sb, "molgrid_silo_batches_done_total", "counter", "Batches a silo has completed.");
        foreach (var s in silos) Sample(sb, "molgrid_silo_batches_done_total", SiloLabels(s), s.BatchesDone);
        Family(sb, "molgrid_silo_state", "gauge", "1 for the state each silo is in.");
        foreach (var s in silos)
            foreach (var state in Enum.GetValues<SiloState>())
                Sample(sb, "molgrid_silo_state", [("silo", s.Id), ("state", state.ToString().ToLowerInvariant())], s.State == state ? 1 : 0);

        Family(sb, "molgrid_campaigns", "gauge", "Campaigns by status.");
        foreach (var status in Enum.GetValues<CampaignStatus>())
            Sample(sb, "molgrid_campaigns", [("status", status.ToString().ToLowerInvariant())], campaigns.Count(c => c.Status == status));
        return sb.ToString();
    }

    private static (string, string)[] SiloLabels(SiloInfo s) => [("silo", s.Id), ("host", s.Host)];

    private static void Family(StringBuilder sb, string name, string type, string help) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
          .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder sb, string name, (string Name, string Value)[] labels, double value)
    {
        sb.Append(name);
        if (labels.Length > 0)
        {
            sb.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            sb.Append('}');
        }
        sb.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string v) => v.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
