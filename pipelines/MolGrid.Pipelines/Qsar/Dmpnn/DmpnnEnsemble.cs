using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>The ensemble's networks as one module, so one state dictionary ("members.0._wi.weight", ...) saves and
/// loads them all. (A bare ModuleList registers its children only when it is a field of a module.)</summary>
public sealed class DmpnnEnsemble : nn.Module
{
    private readonly ModuleList<DmpnnNetwork> members;

    public DmpnnEnsemble(IEnumerable<DmpnnNetwork> networks) : base("dmpnn_ensemble")
    {
        members = nn.ModuleList(networks.ToArray());
        RegisterComponents();
    }

    public IList<DmpnnNetwork> Networks => members;

    public int Count => members.Count;
}
