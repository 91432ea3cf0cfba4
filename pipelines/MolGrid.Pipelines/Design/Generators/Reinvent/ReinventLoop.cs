using MolGrid.Learning;
using MolGrid.Molecules;
using TorchSharp;
using static TorchSharp.torch;

namespace MolGrid.Pipelines.Design.Generators.Reinvent;

/// <summary>
/// Staged learning as REINVENT 4 does it, one RL step per round: the agent (initialised from the prior) samples
/// <see cref="ReinventSpec.BatchSize"/> SMILES; the valid ones never scored before go to the oracle; then the agent
/// is updated with the DAP loss on the batch plus a replay of the best molecules so far, and (Augmented Memory)
/// again on randomised SMILES of both. Scores pass through the campaign's diversity filter (scaffold buckets)
/// before they reach the loss, so a crowded scaffold stops paying. Invalid samples score 0.
///
/// Sampling and updates draw their randomness from (seed, round), so one process gives the same molecules for
/// the same seed. The agent's weights are not part of <see cref="DesignState"/>: the loop object holds them and
/// refuses a state from another round instead of silently continuing with the wrong agent.
/// </summary>
public sealed class ReinventLoop : ICheckpointedDesignLoop, IDisposable
{
    public const int MaxStalledRounds = 20;

    private readonly DesignSpec _spec;
    private readonly DesignLoopOptions _options;
    private readonly ReinventSpec _r;
    private readonly RnnPrior _prior;
    private readonly RnnPrior _agent;
    private readonly AdamOptimizer _optimizer;
    private readonly DiversityFold _diversity;
    private int _agentRound;
    private (int Round, SampledBatch Batch, string?[] Canonical)? _pending;

    public ReinventLoop(DesignSpec spec, DesignLoopOptions options)
    {
        _spec = spec;
        _options = options;
        _r = spec.Generator.ReinventSettings ?? new ReinventSpec();
        var device = ComputeDevice.Resolve(_r.Device);
        var path = _r.Prior is null ? ReinventDefaults.PriorDirectory() : ResolvePrior(_r.Prior, spec.SourceName);
        try { _prior = RnnPrior.Load(path, device); }
        catch (ModelFileException e) { throw new SpecException("generator.prior", $"{e.Path}: {e.Reason}"); }
        _prior.Network.eval();
        _agent = _prior.Clone();
        _agent.Network.train();
        _optimizer = new AdamOptimizer(_agent.Network.parameters(), _r.LearningRate);
        _diversity = new DiversityFold(new DiversityFilter(spec.Diversity));
    }

    /// <summary>The agent (for tests and for saving a focused model).</summary>
    public RnnPrior Agent => _agent;

    public DesignState Start() => new()
    {
        Round = 0, OracleCalls = 0, Seed = _spec.Seed, Population = [], Scored = [],
        GeneratorState = new ReinventMemory().ToJson(),
    };

    public IReadOnlyList<string> Propose(DesignState state)
    {
        if (IsDone(state)) return [];
        CheckRound(state);
        _pending?.Batch.Dispose();
        var generator = new Generator(PriorTrainer.Mix(state.Seed, state.Round, -3), _agent.Device);
        var batch = PriorSampler.Sample(_agent, _r.BatchSize, generator);
        var canonical = new string?[batch.Smiles.Length];
        for (var i = 0; i < canonical.Length; i++)
            canonical[i] = batch.Complete[i] ? Canonical(batch.Smiles[i]) : null;
        _pending = (state.Round, batch, canonical);

        var seen = new HashSet<string>(state.Scored.Select(s => s.Smiles), StringComparer.Ordinal);
        var remaining = _spec.Budget - state.OracleCalls;
        var proposal = new List<string>();
        foreach (var c in canonical)
        {
            if (proposal.Count >= remaining) break;
            if (c is not null && seen.Add(c)) proposal.Add(c);
        }
        return proposal;
    }

    public DesignState Accept(DesignState state, IReadOnlyList<MoleculeScore> scores)
    {
        CheckRound(state);
        if (_pending is not { } pending || pending.Round != state.Round)
            throw new InvalidOperationException($"reinvent: Accept for round {state.Round} without a Propose for it");
        var memory = ReinventMemory.FromJson(state.GeneratorState);
        var scored = state.Scored.Concat(scores).ToArray();
        var diversity = _diversity.At(scored);
        var total = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in scored) total.TryAdd(s.Smiles, s.Failed ? 0 : s.Total);
        double? Reward(string? smiles) => smiles is null ? 0
            : diversity.Penalized.TryGetValue(smiles, out var p) ? p
            : total.TryGetValue(smiles, out var t) ? t : null; // null: left unscored by the budget, not trained on

        // Rows of the batch that have a reward, with it.
        var rows = new List<long>();
        var rewards = new List<float>();
        var fresh = new List<ReplayEntry>();
        for (var i = 0; i < pending.Canonical.Length; i++)
        {
            if (Reward(pending.Canonical[i]) is not { } r) continue;
            rows.Add(i);
            rewards.Add((float)r);
            if (pending.Canonical[i] is { } c && _agent.Vocabulary.Covers(c)) fresh.Add(new ReplayEntry(c, r));
        }
        var replay = ReplayBuffer.Sample(memory.Replay, _r.ReplaySample, new DesignRandom(state.Seed, state.Round, -4));
        if (rows.Count > 0)
        {
            using var scope = NewDisposeScope();
            var seqs = pending.Batch.Sequences.index_select(0, tensor(rows.ToArray(), device: _agent.Device));
            Update(seqs, rewards, replay.Where(e => _agent.Vocabulary.Covers(e.Smiles)).ToList(), randomiseSeed: null);
            for (var k = 1; k <= _r.AugmentationRounds; k++)
                Update(null, null, fresh.Concat(replay).ToList(), randomiseSeed: PriorTrainer.Mix(state.Seed, state.Round, k));
        }
        var buffer = ReplayBuffer.Add(memory.Replay, fresh, _r.ReplaySize);
        pending.Batch.Dispose();
        _pending = null;
        _agentRound++;

        var top100 = scored.Where(s => !s.Failed).Select(s => s.Total).OrderDescending().Take(100).DefaultIfEmpty(0).Average();
        var improved = top100 - memory.BestTop100 >= 1e-3;
        memory = memory with
        {
            Replay = buffer,
            AgentSteps = memory.AgentSteps + (rows.Count > 0 ? 1 + _r.AugmentationRounds : 0),
            Stalled = scores.Count == 0 ? memory.Stalled + 1 : 0,
            NoImprovement = scored.Length <= 100 || improved ? 0 : memory.NoImprovement + 1,
            BestTop100 = scored.Length <= 100 ? top100 : Math.Max(top100, memory.BestTop100),
        };
        return state with
        {
            Round = state.Round + 1,
            OracleCalls = state.OracleCalls + scores.Count,
            Population = buffer.Select(b => b.Smiles).ToArray(),
            Scored = scored,
            GeneratorState = memory.ToJson(),
        };
    }

    public bool IsDone(DesignState state)
    {
        if (state.OracleCalls >= _spec.Budget) return true;
        var memory = ReinventMemory.FromJson(state.GeneratorState);
        if (memory.Stalled >= MaxStalledRounds) return true;
        return _options.Patience > 0 && memory.NoImprovement >= _options.Patience;
    }

    /// <summary>One optimiser step on the DAP loss over the given sampled sequences and replayed molecules
    /// (as randomised SMILES when a seed is given: Augmented Memory).</summary>
    private void Update(Tensor? sampled, List<float>? sampledRewards, IReadOnlyList<ReplayEntry> replay, ulong? randomiseSeed)
    {
        using var scope = NewDisposeScope();
        var parts = new List<(Tensor Seqs, Tensor Rewards)>();
        if (sampled is not null) parts.Add((sampled, tensor(sampledRewards!.ToArray(), device: _agent.Device)));
        if (replay.Count > 0)
        {
            var texts = replay.Select((e, i) => randomiseSeed is { } s ? Randomised(e.Smiles, s + (ulong)i) : e.Smiles).ToList();
            parts.Add((SmilesBatch.Encode(_agent.Vocabulary, texts, _agent.Device),
                tensor(replay.Select(e => (float)e.Score).ToArray(), device: _agent.Device)));
        }
        if (parts.Count == 0) return;
        var losses = new List<Tensor>();
        var weights = new List<long>();
        foreach (var (seqs, rewards) in parts)
        {
            Tensor priorLl;
            using (no_grad()) priorLl = _prior.LogLikelihood(seqs);
            var agentLl = _agent.LogLikelihood(seqs);
            losses.Add(DapLoss.Compute(priorLl, agentLl, rewards, _r.Sigma) * seqs.shape[0]);
            weights.Add(seqs.shape[0]);
        }
        // Mean over every sequence of the update (the parts have different widths, so they are scored apart).
        var loss = losses.Aggregate((a, b) => a + b) / weights.Sum();
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step();
    }

    private const string CheckpointMagic = "molgrid-reinvent-checkpoint-1";

    /// <summary>The agent's weights and Adam's moments after the round <paramref name="state"/> closes, with the
    /// round; the prior, the replay buffer and the diversity filter are rebuilt from the spec and the state.</summary>
    public byte[] SaveCheckpoint(DesignState state)
    {
        if (state.Round != _agentRound)
            throw new InvalidOperationException($"reinvent: checkpoint asked for round {state.Round}, the agent is at round {_agentRound}");
        var dir = Directory.CreateTempSubdirectory("molgrid-reinvent-ckpt-");
        try
        {
            var agent = Path.Combine(dir.FullName, "agent.model");
            var adam = Path.Combine(dir.FullName, "agent.adam");
            _agent.Save(agent);
            _optimizer.Save(adam);
            using var ms = new MemoryStream();
            using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                w.Write(CheckpointMagic);
                w.Write(state.Round);
                foreach (var f in new[] { agent, adam })
                {
                    var bytes = File.ReadAllBytes(f);
                    w.Write(bytes.Length);
                    w.Write(bytes);
                }
            }
            return ms.ToArray();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public void RestoreCheckpoint(DesignState state, byte[] checkpoint)
    {
        var dir = Directory.CreateTempSubdirectory("molgrid-reinvent-ckpt-");
        try
        {
            string agentFile = Path.Combine(dir.FullName, "agent.model"), adamFile = Path.Combine(dir.FullName, "agent.adam");
            try
            {
                using var r = new BinaryReader(new MemoryStream(checkpoint));
                if (r.ReadString() != CheckpointMagic) throw new InvalidDataException("not a reinvent checkpoint");
                var round = r.ReadInt32();
                if (round != state.Round) throw new InvalidDataException($"the checkpoint is of round {round}, the campaign is at round {state.Round}");
                foreach (var f in new[] { agentFile, adamFile })
                {
                    var n = r.ReadInt32();
                    var bytes = r.ReadBytes(n);
                    if (n < 0 || bytes.Length != n) throw new InvalidDataException("truncated reinvent checkpoint");
                    File.WriteAllBytes(f, bytes);
                }
            }
            catch (EndOfStreamException) { throw new InvalidDataException("truncated reinvent checkpoint"); }
            try
            {
                using var saved = RnnPrior.Load(agentFile, _agent.Device);
                if (saved.Vocabulary.Count != _agent.Vocabulary.Count || saved.Options != _agent.Options)
                    throw new InvalidDataException("the checkpoint's agent is not this prior's shape");
                using (no_grad())
                {
                    var source = saved.Network.parameters().ToArray();
                    var target = _agent.Network.parameters().ToArray();
                    for (var i = 0; i < source.Length; i++) target[i].copy_(source[i]);
                }
                _optimizer.Load(adamFile);
            }
            catch (ModelFileException e) { throw new InvalidDataException($"reinvent checkpoint: {e.Reason}", e); }
            _pending?.Batch.Dispose();
            _pending = null;
            _agentRound = state.Round;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private string Randomised(string smiles, ulong seed)
    {
        if (!MoleculeParser.TryParseSmiles(smiles, out var mol, out _) || mol is null) return smiles;
        using (mol)
        {
            var r = MoleculeWriter.RandomSmiles(mol, seed, isomeric: false);
            return _agent.Vocabulary.Covers(r) && SmilesTokenizer.Tokenize(r).Count <= _agent.Options.MaxTokens ? r : smiles;
        }
    }

    private void CheckRound(DesignState state)
    {
        if (state.Round != _agentRound)
            throw new InvalidOperationException(
                $"reinvent: this loop's agent has been updated {_agentRound} rounds, the state is at round {state.Round}; " +
                "continue it from the checkpoint of that round (RestoreCheckpoint)");
    }

    private static string? Canonical(string smiles)
    {
        if (smiles.Length == 0 || !MoleculeParser.TryParseSmiles(smiles, out var mol, out _) || mol is null) return null;
        using (mol) return mol.AtomCount == 0 ? null : MoleculeWriter.CanonicalSmiles(mol);
    }

    private static string ResolvePrior(string prior, string specSource)
    {
        if (Path.IsPathRooted(prior)) return prior;
        var dir = File.Exists(specSource) ? Path.GetDirectoryName(Path.GetFullPath(specSource)) : null;
        var relative = dir is null ? prior : Path.Combine(dir, prior);
        return File.Exists(relative) || Directory.Exists(relative) ? relative : prior;
    }

    public void Dispose()
    {
        _pending?.Batch.Dispose();
        _optimizer.Dispose();
        _agent.Dispose();
        _prior.Dispose();
    }
}
