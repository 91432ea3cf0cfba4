using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// REINVENT's "difference between augmented and posterior" loss (Olivecrona et al. 2017; REINVENT 4's DAP):
/// augmented log-likelihood = prior log-likelihood + sigma x score, loss = mean over the batch of
/// (augmented - agent log-likelihood)^2. The prior's term carries no gradient; minimising pulls the agent's
/// likelihood of each sequence towards the prior's, raised in proportion to its score.
/// </summary>
public static class DapLoss
{
    public static Tensor Compute(Tensor priorLogLikelihood, Tensor agentLogLikelihood, Tensor scores, double sigma)
    {
        using var scope = NewDisposeScope();
        var augmented = priorLogLikelihood.detach() + scores * sigma;
        var loss = (augmented - agentLogLikelihood).pow(2).mean();
        return loss.MoveToOuterDisposeScope();
    }
}
