namespace MolGrid.Pipelines.Docking;

/// <summary>Vina's search box: centre and edge lengths in Å.</summary>
public sealed record DockingBox(double CenterX, double CenterY, double CenterZ, double SizeX, double SizeY, double SizeZ)
{
    public static DockingBox From(double[] center, double[] size) => new(center[0], center[1], center[2], size[0], size[1], size[2]);

    public override string ToString() => FormattableString.Invariant($"centre ({CenterX}, {CenterY}, {CenterZ}) size ({SizeX}, {SizeY}, {SizeZ})");
}
