using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MolGrid.Molecules;
using MolGrid.Pipelines.Qsar;
using MolGrid.Server.Errors;
using MolGrid.Server.Security;

namespace MolGrid.Server.Models;

/// <summary>A per-atom explanation as the API returns it; <see cref="Svg"/> shades the depiction (green raises,
/// red lowers the prediction).</summary>
public sealed record ExplanationResponse(string Smiles, string Model, string Kind, string Method, double Prediction, double Baseline,
    IReadOnlyList<AtomAttributionItem> Atoms, string Svg);

public sealed record AtomAttributionItem(int Index, string Element, double Attribution, double Shade);

/// <summary>/api/models: the saved models the server holds, and per-atom explanations of their predictions.</summary>
public static class ModelsApi
{
    private const int MaxSmilesLength = 1000;

    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Models").RequireAuthorization(MolGridRoles.ReadPolicy);
        api.MapGet("/", (ModelLibrary library) => TypedResults.Ok(library.List()))
            .WithSummary("Saved models in the server's models directory (molgrid model train --out into it).");
        api.MapGet("/{name}/explanation", Explain)
            .WithSummary("Per-atom attributions of the model's prediction for a SMILES: integrated gradients (dmpnn) or fingerprint occlusion (gp, mlp, gbm).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static IResult Explain(string name, string? smiles, ModelLibrary library)
    {
        if (string.IsNullOrWhiteSpace(smiles)) throw new InvalidRequestException("smiles", "is required");
        if (smiles.Length > MaxSmilesLength) throw new InvalidRequestException("smiles", $"is longer than {MaxSmilesLength} characters");
        IQsarModel model;
        try { model = library.Get(name); }
        catch (ModelNotFoundException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown model", detail: e.Message);
        }
        using var mol = MoleculeParser.ParseSmiles(smiles);
        var a = QsarExplanation.Explain(model, mol);
        var shade = a.Normalised();
        var atoms = MolGraph.Atoms(mol);
        return TypedResults.Ok(new ExplanationResponse(a.Smiles, name, a.ModelKind, a.Method, a.Prediction, a.Baseline,
            a.Atoms.Select((w, i) => new AtomAttributionItem(i, Elements.Symbol(atoms[i].AtomicNumber), w, shade[i])).ToArray(),
            Depiction.ToSvgWithAtomWeights(mol, shade, 360, 240)));
    }
}
