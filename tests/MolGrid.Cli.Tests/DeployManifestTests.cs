using System.CommandLine;
using MolGrid.Cli.Commands;
using YamlDotNet.RepresentationModel;

namespace MolGrid.Cli.Tests;

/// <summary>The Kubernetes manifests against the CLI they run: every container's arguments parse as `molgrid`
/// commands, a silo started with `--kubernetes` gets the pod variables it requires, its pod labels name MolGrid's
/// service and cluster ids, and the service account and volume claim it names are declared. No Kubernetes here,
/// so this is what can be checked of deploy/k8s (docs/grid.md).</summary>
public sealed class DeployManifestTests
{
    private static readonly string K8s = Path.Combine(CliProcess.RepoRoot, "deploy", "k8s");

    private static IEnumerable<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(K8s, file));
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static bool Has(YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static RootCommand Cli()
    {
        var root = new RootCommand();
        GridCommands.AddTo(root);
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    public static TheoryData<string> Deployments => new() { "silo-cpu.yaml", "silo-gpu.yaml", "silo-docking.yaml", "server.yaml" };

    [Theory]
    [MemberData(nameof(Deployments))]
    public void A_deployment_runs_a_command_the_cli_accepts_with_what_it_needs(string file)
    {
        var deployment = Documents(file).Single(d => Text(At(d, "kind")) == "Deployment");
        var pod = At(deployment, "spec", "template");
        var container = (YamlMappingNode)((YamlSequenceNode)At(pod, "spec", "containers")).Children.Single();
        var env = ((YamlSequenceNode)At(container, "env")).Children.Select(e => Text(At(e, "name"))).ToHashSet();
        // Kubernetes substitutes $(VAR) from the container's environment before the process sees its arguments.
        var args = ((YamlSequenceNode)At(container, "args")).Children.Select(Text).Select(a =>
        {
            if (a.StartsWith("$(") && a.EndsWith(")"))
            {
                Assert.Contains(a[2..^1], env);
                return a == "$(POD_IP)" ? "10.0.0.7" : "postgres://molgrid:secret@molgrid-postgres:5432/molgrid";
            }
            return a;
        }).ToArray();

        var parsed = Cli().Parse(args);
        Assert.True(parsed.Errors.Count == 0, $"{file}: molgrid {string.Join(' ', args)}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");

        if (args.Contains("--kubernetes"))
        {
            Assert.Superset(new HashSet<string> { "POD_NAME", "POD_NAMESPACE", "POD_IP" }, env);
            var labels = At(pod, "metadata", "labels");
            Assert.Equal(("molgrid", "molgrid"), (Text(At(labels, "orleans/serviceId")), Text(At(labels, "orleans/clusterId"))));
            var account = Text(At(pod, "spec", "serviceAccountName"));
            Assert.Contains(Documents("rbac.yaml"), d => Text(At(d, "kind")) == "ServiceAccount" && Text(At(d, "metadata", "name")) == account);
        }
        if (Has(At(pod, "spec"), "volumes"))
        {
            var claims = ((YamlSequenceNode)At(pod, "spec", "volumes")).Children.Where(v => Has(v, "persistentVolumeClaim"))
                .Select(v => Text(At(v, "persistentVolumeClaim", "claimName")));
            var declared = Documents("model-cache.yaml").Select(d => Text(At(d, "metadata", "name"))).ToHashSet();
            Assert.All(claims, c => Assert.Contains(c, declared));
        }
    }

    [Fact]
    public void Every_manifest_is_in_the_kustomization()
    {
        var listed = ((YamlSequenceNode)At(Documents("kustomization.yaml").Single(), "resources")).Children.Select(Text).ToHashSet();
        var files = Directory.GetFiles(K8s, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        Assert.All(files, f => Assert.Contains(f!, listed));
    }
}
