using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using MolGrid.Grains;
using MolGrid.Server.Campaigns;

namespace MolGrid.Server.Tests;

/// <summary>The progress stream against a campaign that records its last round and finishes between the
/// stream's round read and its status read (an Orleans campaign of a few fast rounds does): the stream still sends
/// that round before "done".</summary>
public sealed class ProgressEventStreamTests
{
    private sealed class FinishesBetweenReads : ICampaignService
    {
        private static readonly CampaignInfo Running = new("c1", "fast", "alice", CampaignStatus.Running, 2, 32, 48, 0.9, DateTimeOffset.UnixEpoch, null, null);
        private int _progressReads;

        public CampaignInfo Completed { get; } = Running with { Status = CampaignStatus.Completed, Round = 3, OracleCalls = 48 };

        public Task<IReadOnlyList<RoundProgress>> GetProgressAsync(string campaignId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<RoundProgress>>(Enumerable.Range(1, Interlocked.Increment(ref _progressReads) == 1 ? 2 : 3)
                .Select(r => new RoundProgress(r, 16 * r, 0.9, 0.5, 0.9, DateTimeOffset.UnixEpoch)).ToList());

        // Read after the first round read: the third round is recorded and the campaign finished meanwhile.
        public Task<CampaignInfo?> GetAsync(string campaignId, CancellationToken ct) => Task.FromResult<CampaignInfo?>(Completed);

        public Task<CampaignInfo> SubmitAsync(CampaignSubmission submission, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<CampaignInfo>> ListAsync(string? owner, CancellationToken ct) => throw new NotSupportedException();
        public Task<bool> CancelAsync(string campaignId, CancellationToken ct) => throw new NotSupportedException();
        public Task<CandidatePage> QueryCandidatesAsync(string campaignId, CandidateQuery query, CancellationToken ct) => throw new NotSupportedException();
        public Task<Candidate?> GetCandidateAsync(string campaignId, string moleculeKey, CancellationToken ct) => throw new NotSupportedException();
    }

    [Fact]
    public async Task RoundsRecordedJustBeforeTheFinishAreSentBeforeDone()
    {
        var campaigns = new FinishesBetweenReads();
        var stream = new ProgressEventStream(campaigns, Options.Create(new MolGridServerOptions()), Options.Create(new JsonOptions()));
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await stream.WriteAsync(context, campaigns.Completed with { Status = CampaignStatus.Running, Round = 2 }, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        var round3 = text.IndexOf("id: 3\n", StringComparison.Ordinal);
        Assert.True(round3 > 0, text);
        Assert.True(round3 < text.IndexOf("event: done", StringComparison.Ordinal), text);
    }
}
