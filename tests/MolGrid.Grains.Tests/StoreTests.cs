using MolGrid.Grains.Configuration;
using MolGrid.Grains.Store;
using MolGrid.Pipelines.Scoring;
using MolGrid.Harness.Scratch;

namespace MolGrid.Grains.Tests;

/// <summary>The same store code against both dialects.</summary>
public sealed class StoreTests
{
    public static TheoryData<string> Dialects => new() { "sqlite", "postgres" };

    private static async Task<(StoreAddress Address, IAsyncDisposable Cleanup)> FreshAsync(string dialect)
    {
        if (dialect == "postgres")
        {
            var db = await PostgresScratch.CreateAsync("molgrid_store");
            return (StoreAddress.Parse(db.Url), db);
        }
        var dir = Directory.CreateTempSubdirectory("molgrid-store-");
        return (StoreAddress.Parse("sqlite:" + Path.Combine(dir.FullName, "grid.db")), new DeleteDir(dir.FullName));
    }

    private sealed class DeleteDir(string path) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() { Directory.Delete(path, true); return ValueTask.CompletedTask; }
    }

    [Theory, MemberData(nameof(Dialects))]
    public async Task MigrationsApplyOnceEvenWhenManyProcessesStartTogether(string dialect)
    {
        var (address, cleanup) = await FreshAsync(dialect);
        await using var _ = cleanup;
        // Four starters at once against an empty database, then a fifth later: no error, one migration row.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new GridStore(address))));
        var store = new GridStore(address);
        Assert.Empty(await store.ListCampaignsAsync(null, default));
    }

    [Theory, MemberData(nameof(Dialects))]
    public async Task ScoreCacheKeepsTheFirstValueAndCachesFailures(string dialect)
    {
        var (address, cleanup) = await FreshAsync(dialect);
        await using var _ = cleanup;
        var cache = new StoreScoreCache(new GridStore(address));
        await cache.PutManyAsync("qed", "1", new Dictionary<string, ComponentResult> { ["k1"] = ComponentResult.Ok(0.25), ["k2"] = ComponentResult.Fail("no 3D") }, default);
        await cache.PutManyAsync("qed", "1", new Dictionary<string, ComponentResult> { ["k1"] = ComponentResult.Ok(0.75), ["k3"] = ComponentResult.Ok(1) }, default);
        var got = await cache.GetManyAsync("qed", "1", ["k1", "k2", "k3", "k4"], default);
        Assert.Equal(3, got.Count);
        Assert.Equal(0.25, got["k1"].Value);
        Assert.Equal("no 3D", got["k2"].Error);
        Assert.False(got.ContainsKey("k4"));
        Assert.Empty(await cache.GetManyAsync("qed", "2", ["k1"], default)); // another version is another computation
    }

    [Theory, MemberData(nameof(Dialects))]
    public async Task ABatchResultIsStoredOnce(string dialect)
    {
        var (address, cleanup) = await FreshAsync(dialect);
        await using var _ = cleanup;
        var store = new GridStore(address);
        var row = new BatchResultRow { CampaignId = "c1", Round = 1, BatchId = "r1-cpu-0", Capability = "cpu", SiloId = "a", ResultsJson = "[1]", CompletedAt = 1 };
        Assert.True(await store.CompleteBatchAsync(row, [], default));
        Assert.False(await store.CompleteBatchAsync(row with { SiloId = "b", ResultsJson = "[2]" }, [], default));
        var rows = await store.BatchResultsAsync("c1", 1, default);
        Assert.Equal("a", Assert.Single(rows).SiloId);
    }

    [Theory, MemberData(nameof(Dialects))]
    public async Task CampaignPagesComeNewestFirstWithTheTotal(string dialect)
    {
        var (address, cleanup) = await FreshAsync(dialect);
        await using var _ = cleanup;
        var store = new GridStore(address);
        // Five campaigns, two sharing a creation time (ties go by id), alternating owners.
        long[] created = [1000, 3000, 2000, 3000, 500];
        for (var i = 0; i < created.Length; i++)
            await store.InsertCampaignAsync(new CampaignRow { Id = $"c{i}", Name = $"n{i}", Owner = i % 2 == 0 ? "alice" : "bob", Spec = "x", Budget = 1, CreatedAt = created[i] }, default);

        string[] Ids((int Total, IReadOnlyList<CampaignRow> Rows) page) => page.Rows.Select(r => r.Id).ToArray();
        var first = await store.ListCampaignsPageAsync(null, 0, 2, default);
        Assert.Equal(5, first.Total);
        Assert.Equal(["c1", "c3"], Ids(first));
        Assert.Equal(["c2", "c0"], Ids(await store.ListCampaignsPageAsync(null, 2, 2, default)));
        Assert.Equal(["c4"], Ids(await store.ListCampaignsPageAsync(null, 4, 2, default)));
        Assert.Empty((await store.ListCampaignsPageAsync(null, 10, 2, default)).Rows);
        var alices = await store.ListCampaignsPageAsync("alice", 0, 10, default);
        Assert.Equal(3, alices.Total);
        Assert.Equal(["c2", "c0", "c4"], Ids(alices));
        Assert.All(alices.Rows, r => Assert.Equal("", r.Spec)); // summary columns only
    }

    [Theory, MemberData(nameof(Dialects))]
    public async Task CancelEndsACampaignNobodyHoldsAtOnceAndOneThatIsHeldAfterItsRound(string dialect)
    {
        var (address, cleanup) = await FreshAsync(dialect);
        await using var _ = cleanup;
        var store = new GridStore(address);
        CampaignRow Row(string id) => new() { Id = id, Name = id, Owner = "alice", Spec = "x", Status = "Queued", Budget = 10, CreatedAt = GridStore.Now };
        foreach (var id in new[] { "held", "orphan", "queued" }) await store.InsertCampaignAsync(Row(id), default);
        Assert.True(await store.TryLeaseAsync("held", "orch-a", TimeSpan.FromMinutes(1), default));
        Assert.True(await store.MarkRunningAsync("held", "orch-a", default));
        Assert.True(await store.TryLeaseAsync("orphan", "orch-b", TimeSpan.FromMilliseconds(1), default));
        Assert.True(await store.MarkRunningAsync("orphan", "orch-b", default));
        await Task.Delay(20); // orch-b's lease runs out: it was interrupted

        foreach (var id in new[] { "held", "orphan", "queued" }) Assert.True(await store.RequestCancelAsync(id, default));
        Assert.Equal("Running", (await store.GetCampaignAsync("held", default))!.Status); // its campaign grain stops it
        var orphan = (await store.GetCampaignAsync("orphan", default))!;
        Assert.Equal("Cancelled", orphan.Status);
        Assert.NotNull(orphan.FinishedAt);
        Assert.Equal("Cancelled", (await store.GetCampaignAsync("queued", default))!.Status);
        // The interrupted driver, had it come back, can neither retake nor finish the cancelled campaign.
        Assert.False(await store.TryLeaseAsync("orphan", "orch-b", TimeSpan.FromMinutes(1), default));
        Assert.False(await store.FinishCampaignAsync("orphan", "orch-b", CampaignStatus.Completed, null, default));
        Assert.False(await store.RequestCancelAsync("orphan", default)); // already finished
    }

    [Theory, MemberData(nameof(Dialects))]
    public async Task ALeaseIsTakenOverOnlyFromTheHolderNamed(string dialect)
    {
        var (address, cleanup) = await FreshAsync(dialect);
        await using var _ = cleanup;
        var store = new GridStore(address);
        await store.InsertCampaignAsync(new CampaignRow { Id = "c", Name = "c", Owner = "alice", Spec = "x", Status = "Queued", Budget = 10, CreatedAt = GridStore.Now }, default);
        Assert.True(await store.TryLeaseAsync("c", "dead-silo-driver", TimeSpan.FromMinutes(1), default));
        Assert.False(await store.TryLeaseAsync("c", "new-driver", TimeSpan.FromMinutes(1), default)); // unexpired
        Assert.False(await store.TakeOverLeaseAsync("c", "someone-else", "new-driver", TimeSpan.FromMinutes(1), default));
        Assert.True(await store.TakeOverLeaseAsync("c", "dead-silo-driver", "new-driver", TimeSpan.FromMinutes(1), default));
        Assert.Equal("new-driver", (await store.GetCampaignAsync("c", default))!.LeaseOwner);
        // A second survivor acting on the same news finds the lease already moved on.
        Assert.False(await store.TakeOverLeaseAsync("c", "dead-silo-driver", "third-driver", TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public void A_lease_holder_names_its_silo_so_another_silo_can_ask_membership_about_it()
    {
        var silo = Orleans.Runtime.SiloAddress.FromParsableString("127.0.0.1:11111@155173874");
        var holder = MolGrid.Grains.Campaigns.LeaseOwner.Format(silo, "@a1b2c3d4e5f60718293a4b5c6d7e8f90");
        Assert.Equal(silo, MolGrid.Grains.Campaigns.LeaseOwner.SiloOf(holder));
        Assert.Null(MolGrid.Grains.Campaigns.LeaseOwner.SiloOf("orch-a"));
        Assert.Null(MolGrid.Grains.Campaigns.LeaseOwner.SiloOf("orleans:not-an-address:x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("mysql://x/y")]
    [InlineData("postgres://host")]
    [InlineData("sqlite:")]
    public void BadStoreAddressIsBadInput(string text) => Assert.Throws<GridConfigException>(() => StoreAddress.Parse(text));

    [Fact]
    public void PostgresAddressCarriesItsUserPasswordPortAndDatabase()
    {
        var a = StoreAddress.Parse("postgres://u:p%40ss@10.0.0.5:5433/grid");
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(a.ConnectionString);
        Assert.Equal(("10.0.0.5", 5433, "grid", "u", "p@ss"), (cs.Host, cs.Port, cs.Database, cs.Username, cs.Password));
        Assert.Equal("postgres://u@10.0.0.5:5433/grid", a.Display);
    }

    [Fact]
    public void UnknownRoleIsBadInput() => Assert.Throws<GridConfigException>(() => SiloOptions.ParseRoles("cpu,tpu"));
}
