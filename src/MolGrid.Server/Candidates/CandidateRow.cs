using MolGrid.Grains;

namespace MolGrid.Server.Candidates;

/// <summary>A candidate as the API shows it: the record plus its picture (a signed URL, or inline SVG when asked).</summary>
public sealed record CandidateRow(
    int Rank,
    string MoleculeKey,
    string Smiles,
    double Score,
    int Round,
    IReadOnlyDictionary<string, double> Components,
    IReadOnlyDictionary<string, double> Descriptors,
    string? Error,
    string DepictionUrl,
    string? Svg)
{
    public static CandidateRow From(Candidate c, string url, string? svg) =>
        new(c.Rank, c.MoleculeKey, c.Smiles, c.Score, c.Round, c.Components, c.Descriptors, c.Error, url, svg);
}

public sealed record CandidateRowPage(int Page, int PageSize, int Total, IReadOnlyList<CandidateRow> Items);
