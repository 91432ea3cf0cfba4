using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MolGrid.Grains.Configuration;
using MolGrid.Silo;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace MolGrid.Grains.Tests;

/// <summary>`molgrid silo --kubernetes` composes Orleans' Kubernetes hosting from the pod's downward-API variables,
/// and without them is refused up front. No Kubernetes here: the silo is built, not started (docs/grid.md).</summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void The_kubernetes_switch_takes_the_pod_identity_and_is_refused_without_it()
    {
        string[] names = ["POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        var settings = new OrleansSiloSettings("postgres://molgrid:molgrid@127.0.0.1:5432/molgrid") { Kubernetes = true, Roles = "gpu" };
        try
        {
            foreach (var n in names) Environment.SetEnvironmentVariable(n, null);
            Environment.SetEnvironmentVariable("POD_NAME", "molgrid-silo-gpu-7d9f-x2");
            var refused = Assert.Throws<GridConfigException>(() => OrleansSiloHost.Build(settings));
            Assert.Equal("--kubernetes", refused.Input);
            Assert.Contains("POD_NAMESPACE, POD_IP", refused.Message);

            Environment.SetEnvironmentVariable("POD_NAMESPACE", "molgrid");
            Environment.SetEnvironmentVariable("POD_IP", "10.1.2.3");
            using var host = OrleansSiloHost.Build(settings);
            Assert.NotNull(host.Services.GetService<IOptions<KubernetesHostingOptions>>());
            Assert.Equal("molgrid-silo-gpu-7d9f-x2", host.Services.GetRequiredService<IOptions<Orleans.Configuration.SiloOptions>>().Value.SiloName);
            Assert.Equal("10.1.2.3", host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress.ToString());
            // MolGrid's cluster identity stands (the manifests' pod labels name the same ids).
            var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            Assert.Equal(("molgrid", "molgrid"), (cluster.ServiceId, cluster.ClusterId));

            // Orleans' hosting would take ORLEANS_CLUSTER_ID over MolGrid's cluster id and join another cluster
            // than the server's and `molgrid silos`' without a word: a different one is refused instead.
            Environment.SetEnvironmentVariable("ORLEANS_CLUSTER_ID", "elsewhere");
            var other = Assert.Throws<GridConfigException>(() => OrleansSiloHost.Build(settings));
            Assert.Equal("ORLEANS_CLUSTER_ID", other.Input);
            Assert.Contains("'elsewhere'", other.Message);
            Environment.SetEnvironmentVariable("ORLEANS_CLUSTER_ID", "molgrid");
            using (OrleansSiloHost.Build(settings)) { }
        }
        finally
        {
            foreach (var (n, v) in saved) Environment.SetEnvironmentVariable(n, v);
        }
    }
}
