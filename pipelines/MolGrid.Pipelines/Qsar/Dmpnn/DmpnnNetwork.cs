using MolGrid.Learning;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Qsar.Dmpnn;

/// <summary>
/// Chemprop's directed message-passing network. Hidden states live on directed bonds: h0(v->w) = ReLU(W_i [x_v,
/// e_vw]); each step sums the states arriving at v from every neighbour but w, h(v->w) = ReLU(h0 + W_h m(v->w)),
/// where m(v->w) = sum_k h(k->v) - h(w->v). After Depth - 1 steps an atom's vector is ReLU(W_o [x_v, sum_k
/// h(k->v)]), the molecule's their mean (or sum), and a feed-forward head gives one output.
/// </summary>
public sealed class DmpnnNetwork : nn.Module<GraphBatch, Tensor>
{
    private readonly Linear _wi;
    private readonly Linear _wh;
    private readonly Linear _wo;
    private readonly Sequential _head;
    private readonly Dropout _dropout;
    private readonly int _depth;
    private readonly int _hidden;
    private readonly bool _mean;

    public DmpnnNetwork(DmpnnOptions o) : base("dmpnn")
    {
        _depth = o.Depth;
        _hidden = o.Hidden;
        _mean = o.Readout == "mean";
        _wi = nn.Linear(DmpnnFeaturizer.AtomFeatureCount + DmpnnFeaturizer.BondFeatureCount, o.Hidden, hasBias: false);
        _wh = nn.Linear(o.Hidden, o.Hidden, hasBias: false);
        _wo = nn.Linear(DmpnnFeaturizer.AtomFeatureCount + o.Hidden, o.Hidden);
        _dropout = nn.Dropout(o.Dropout);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = o.Hidden;
        for (var i = 0; i < o.FfnLayers - 1; i++)
        {
            layers.Add(($"dropout{i}", nn.Dropout(o.Dropout)));
            layers.Add(($"linear{i}", nn.Linear(width, o.FfnHidden)));
            layers.Add(($"relu{i}", nn.ReLU()));
            width = o.FfnHidden;
        }
        layers.Add(("dropout_out", nn.Dropout(o.Dropout)));
        layers.Add(("out", nn.Linear(width, 1)));
        _head = nn.Sequential(layers);
        RegisterComponents();
    }

    /// <summary>One output per molecule, [molecules].</summary>
    public override Tensor forward(GraphBatch g)
    {
        using var scope = NewDisposeScope();
        var atoms = g.AtomFeatures.shape[0];
        var input = cat([g.AtomFeatures.index_select(0, g.Source), g.BondFeatures], 1);
        var h0 = nn.functional.relu(_wi.call(input));
        var h = h0;
        for (var t = 1; t < _depth; t++)
        {
            var arriving = SumInto(atoms, g.Target, h);
            // add with a held alpha: the + operator's implicit Scalar can be freed mid-call (HeldScalars).
            var message = arriving.index_select(0, g.Source).sub(h.index_select(0, g.Reverse));
            h = _dropout.call(nn.functional.relu(h0.add(_wh.call(message), HeldScalars.One)));
        }
        var atomMessage = SumInto(atoms, g.Target, h);
        var atomHidden = _dropout.call(nn.functional.relu(_wo.call(cat([g.AtomFeatures, atomMessage], 1))));
        var molecule = SumInto(g.Molecules, g.AtomMolecule, atomHidden);
        if (_mean) molecule = molecule / g.AtomCounts;
        return _head.call(molecule).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Row i of the result is the sum of the rows of <paramref name="values"/> whose index is i.
    /// scatter_add rather than index_add: index_add (with its alpha Scalar) failed LibTorch's internal assert
    /// at Scalar.h:279 when a D-MPNN trained after the other models in one `model eval` process.</summary>
    private static Tensor SumInto(long rows, Tensor index, Tensor values) =>
        zeros(rows, values.shape[1], dtype: values.dtype, device: values.device)
            .scatter_add(0, index.unsqueeze(1).expand(-1, values.shape[1]), values);
}
