using MolGrid.Pipelines.Design;

namespace MolGrid.Pipelines.Tests.Reinvent;

public class ReinventSpecTests
{
    private static string Spec(string generator) => $"""
        name: rl
        seed: 3
        budget: 300
        generator:
        {generator}
        scoring:
          components:
            - type: qed
        """;

    [Fact]
    public void Reinvent_generator_needs_no_start_population_and_reads_every_key()
    {
        var s = DesignSpec.Parse(Spec("""
              type: reinvent
              prior: my_prior
              batch_size: 32
              sigma: 120
              learning_rate: 0.0001
              replay_size: 50
              replay_sample: 10
              augmentation_rounds: 0
              device: cpu
            """), "rl.yaml");
        var r = s.Generator.ReinventSettings!;
        Assert.Equal("reinvent", s.Generator.Type);
        Assert.Equal(("my_prior", 32, 120.0, 1e-4, 50, 10, 0, "cpu"),
            (r.Prior, r.BatchSize, r.Sigma, r.LearningRate, r.ReplaySize, r.ReplaySample, r.AugmentationRounds, r.Device));
        var defaults = DesignSpec.Parse(Spec("  type: reinvent"), "rl.yaml").Generator.ReinventSettings!;
        Assert.Equal((null, 64, 500.0, 5e-4, 100, 100, 2, "auto"),
            (defaults.Prior, defaults.BatchSize, defaults.Sigma, defaults.LearningRate, defaults.ReplaySize, defaults.ReplaySample, defaults.AugmentationRounds, defaults.Device));
    }

    [Theory]
    [InlineData("batch_size: 0", "generator.batch_size")]
    [InlineData("batch_size: 5000", "generator.batch_size")]
    [InlineData("sigma: -1", "generator.sigma")]
    [InlineData("learning_rate: 0", "generator.learning_rate")]
    [InlineData("learning_rate: 2", "generator.learning_rate")]
    [InlineData("replay_size: -1", "generator.replay_size")]
    [InlineData("replay_sample: -3", "generator.replay_sample")]
    [InlineData("augmentation_rounds: 11", "generator.augmentation_rounds")]
    [InlineData("device: tpu", "generator.device")]
    [InlineData("prior: ' '", "generator.prior")]
    [InlineData("sigmaa: 3", "generator.sigmaa")]
    [InlineData("batch_size: many", "generator.batch_size")]
    public void Bad_reinvent_settings_name_the_key(string line, string key)
    {
        var e = Assert.Throws<SpecException>(() => DesignSpec.Parse(Spec($"  type: reinvent\n  {line}"), "rl.yaml"));
        Assert.Contains(key, e.Message);
    }
}
