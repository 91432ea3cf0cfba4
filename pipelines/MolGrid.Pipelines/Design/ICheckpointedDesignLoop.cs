namespace MolGrid.Pipelines.Design;

/// <summary>
/// A design loop whose generator carries state too large for <see cref="DesignState"/> (a reinvent agent's
/// weights and optimiser moments). A driver that may continue a campaign in another process (the grid's campaign
/// grain, after its silo stopped or died) saves a checkpoint after each round it records and restores the one of
/// the state's round before continuing, so the continued run is the uninterrupted run, step for step.
/// </summary>
public interface ICheckpointedDesignLoop : IDesignLoop
{
    /// <summary>The generator's state after <see cref="IDesignLoop.Accept"/> returned <paramref name="state"/>.</summary>
    byte[] SaveCheckpoint(DesignState state);

    /// <summary>Puts the generator back where it was when <paramref name="state"/> was reached; a checkpoint of
    /// another round, loop kind or shape is an <see cref="InvalidDataException"/> naming the reason.</summary>
    void RestoreCheckpoint(DesignState state, byte[] checkpoint);
}
