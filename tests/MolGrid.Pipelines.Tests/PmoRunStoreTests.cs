using MolGrid.Pipelines.Benchmarks.Pmo;

namespace MolGrid.Pipelines.Tests;

public class PmoRunStoreTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("molgrid-pmo-runs-").FullName;

    private static string InputFile(string dir, string text)
    {
        var path = Path.Combine(dir, "corpus.smi");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ARunIsKeptOnlyUnderTheFingerprintItWasMadeWith()
    {
        var dir = TempDir();
        var corpus = InputFile(dir, "CCO\n");
        var settings = new PmoSettings { Generator = "reinvent" };
        var store = new PmoRunStore(Path.Combine(dir, "runs"), PmoRunStore.FingerprintOf(settings, [corpus]));
        var run = new PmoRun("qed", 2, 0.123456789, 0.9, 10_000, TimeSpan.FromSeconds(12.5));
        store.Save("reinvent", run, parallelRuns: 2);

        var found = store.Find("reinvent", "qed", 2);
        Assert.NotNull(found);
        Assert.Equal(run.AucTop10, found.AucTop10);
        Assert.Equal(run.OracleCalls, found.OracleCalls);
        Assert.Equal(run.Wall, found.Wall);
        Assert.Null(store.Find("reinvent", "qed", 3));
        Assert.Null(store.Find("reinvent", "median1", 2));

        // Any setting, or an input file's content, makes it another benchmark.
        Assert.Null(new PmoRunStore(store.Directory, PmoRunStore.FingerprintOf(settings with { Patience = 0 }, [corpus])).Find("reinvent", "qed", 2));
        Assert.Null(new PmoRunStore(store.Directory, PmoRunStore.FingerprintOf(settings with { IsomerTotal = IsomerTotal.SmilesRegex }, [corpus])).Find("reinvent", "qed", 2));
        Assert.Null(new PmoRunStore(store.Directory, PmoRunStore.FingerprintOf(settings, [corpus], "CUDA")).Find("reinvent", "qed", 2));
        File.WriteAllText(corpus, "CCN\n");
        Assert.Null(new PmoRunStore(store.Directory, PmoRunStore.FingerprintOf(settings, [corpus])).Find("reinvent", "qed", 2));
    }

    [Fact]
    public void ATornOrForeignRecordIsRedoneNotFatal()
    {
        var dir = TempDir();
        var store = new PmoRunStore(dir, "f");
        File.WriteAllText(store.PathOf("graph_ga", "qed", 0), "{\"Task\": \"qed\", \"Se");
        Assert.Null(store.Find("graph_ga", "qed", 0));

        // A record copied under another run's name is not that run.
        store.Save("graph_ga", new PmoRun("qed", 1, 0.5, 0.6, 100, TimeSpan.FromSeconds(1)), 1);
        File.Copy(store.PathOf("graph_ga", "qed", 1), store.PathOf("graph_ga", "qed", 0), overwrite: true);
        Assert.Null(store.Find("graph_ga", "qed", 0));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }
}
