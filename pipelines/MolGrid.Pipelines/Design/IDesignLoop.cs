namespace MolGrid.Pipelines.Design;

/// <summary>
/// The generative design loop as explicit steps over serialisable state, so a campaign grain can persist
/// the state after every round and resume after a crash. Every step is a pure function of its inputs:
/// the same state and the same scores give the same next state, whoever computed the scores and in
/// whatever order they arrived.
/// </summary>
public interface IDesignLoop
{
    /// <summary>The state before the first round (start population chosen, nothing scored yet).</summary>
    DesignState Start();

    /// <summary>The molecules (canonical SMILES) to score in the next round; empty when done.</summary>
    IReadOnlyList<string> Propose(DesignState state);

    /// <summary>Folds the scores of <see cref="Propose"/>'s molecules (aligned with them) into the state.</summary>
    DesignState Accept(DesignState state, IReadOnlyList<MoleculeScore> scores);

    /// <summary>True once the oracle budget is spent or the generator has nothing new to offer.</summary>
    bool IsDone(DesignState state);
}
