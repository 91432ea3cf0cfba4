using System.Reflection;
using System.Runtime.InteropServices;

namespace MolGrid.Molecules.Native;

/// <summary>P/Invoke declarations for molecules/native/molgrid_rdkit.cpp. Every call is exception-safe on
/// the C++ side; failures come back as null/negative with the reason in <see cref="LastError"/>.</summary>
internal static unsafe partial class RdkitNative
{
    private const string Lib = "molgrid_rdkit";

    static RdkitNative()
    {
        NativeLibrary.SetDllImportResolver(typeof(RdkitNative).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib) return IntPtr.Zero;
        var candidates = new List<string>();
        var explicitPath = Environment.GetEnvironmentVariable("MOLGRID_NATIVE_LIB");
        if (!string.IsNullOrEmpty(explicitPath)) candidates.Add(explicitPath);
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "libmolgrid_rdkit.so"));
        candidates.Add(Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", "libmolgrid_rdkit.so"));
        foreach (var c in candidates)
            if (File.Exists(c) && NativeLibrary.TryLoad(c, out var handle)) return handle;
        throw new DllNotFoundException(
            "MolGrid's RDKit shim (libmolgrid_rdkit.so) was not found next to the application; build it with " +
            "molecules/native/build.sh (scripts/setup.sh does this) or set MOLGRID_NATIVE_LIB.");
    }

    /// <summary>Forces the resolver to be registered before the first native call.</summary>
    internal static void EnsureLoaded() { }

    internal static string LastError()
    {
        var p = mg_last_error();
        var s = p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(p) ?? "";
        return s.Length == 0 ? "unknown RDKit error" : s;
    }

    /// <summary>Copies a malloc'd UTF-8 string from the shim and frees it.</summary>
    internal static string? TakeString(IntPtr p)
    {
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { mg_free(p); }
    }

    [LibraryImport(Lib)] internal static partial void mg_free(IntPtr p);
    [LibraryImport(Lib)] internal static partial IntPtr mg_last_error();
    [LibraryImport(Lib)] internal static partial IntPtr mg_rdkit_version();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr mg_mol_from_smiles(string smiles, int sanitize);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr mg_mol_from_smarts(string smarts);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr mg_mol_from_molblock(string molblock, int sanitize, int removeHs);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_copy(MolHandle m);
    [LibraryImport(Lib)] internal static partial void mg_mol_free(IntPtr m);

    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_to_smiles(MolHandle m, int isomeric, int canonical);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_to_smarts(MolHandle m);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_to_molblock(MolHandle m);

    [LibraryImport(Lib)] internal static partial int mg_mol_num_atoms(MolHandle m);
    [LibraryImport(Lib)] internal static partial int mg_mol_num_bonds(MolHandle m);
    [LibraryImport(Lib)] internal static partial int mg_mol_atoms(MolHandle m, int* out8PerAtom);
    [LibraryImport(Lib)] internal static partial int mg_mol_bonds(MolHandle m, int* out4PerBond);
    [LibraryImport(Lib)] internal static partial int mg_mol_ring_sizes(MolHandle m, int* output, int cap);
    [LibraryImport(Lib)] internal static partial int mg_mol_sssr_count(MolHandle m);
    [LibraryImport(Lib)] internal static partial int mg_mol_distance_matrix(MolHandle m, double* output);
    [LibraryImport(Lib)] internal static partial int mg_mol_num_chiral_centers(MolHandle m);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_formula(MolHandle m);

    [LibraryImport(Lib)] internal static partial int mg_descriptor_count();
    [LibraryImport(Lib)] internal static partial int mg_mol_descriptors(MolHandle m, double* output);
    [LibraryImport(Lib)] internal static partial int mg_mol_crippen_contribs(MolHandle m, double* output);

    [LibraryImport(Lib)] internal static partial int mg_mol_morgan_bits(MolHandle m, int radius, int nbits, int useFeatures, ulong* words);
    [LibraryImport(Lib)] internal static partial int mg_mol_morgan_counts(MolHandle m, int radius, int useFeatures, out IntPtr ids, out IntPtr counts);
    [LibraryImport(Lib)] internal static partial int mg_mol_atom_pair_counts(MolHandle m, out IntPtr ids, out IntPtr counts);
    [LibraryImport(Lib)] internal static partial int mg_mol_atom_pair_counts_range(MolHandle m, int minLength, int maxLength, out IntPtr ids, out IntPtr counts);

    [LibraryImport(Lib)] internal static partial int mg_mol_has_substruct(MolHandle m, MolHandle query, int useChirality);
    [LibraryImport(Lib)] internal static partial int mg_mol_substruct_matches(MolHandle m, MolHandle query, int uniquify, int maxMatches, out IntPtr atoms);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_delete_substructs(MolHandle m, MolHandle query, int onlyFrags);

    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_add_hs(MolHandle m);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_remove_hs(MolHandle m);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_murcko_scaffold(MolHandle m);
    [LibraryImport(Lib)] internal static partial int mg_mol_bond_between(MolHandle m, int a, int b);
    [LibraryImport(Lib)] internal static partial int mg_mol_kekulize(MolHandle m);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_fragment_on_bonds(MolHandle m, int* bonds, int nbonds, int dummyLabel);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_brics_fragments(MolHandle m);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr mg_rxn_from_smarts(string smarts);
    [LibraryImport(Lib)] internal static partial void mg_rxn_free(IntPtr r);
    [LibraryImport(Lib)] internal static partial int mg_rxn_num_reactants(ReactionHandle r);
    [LibraryImport(Lib)] internal static partial IntPtr mg_rxn_run(ReactionHandle r, IntPtr* reactants, int n, int maxProducts);

    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_embed_3d(MolHandle m, int seed, int maxIters, out double energy);
    [LibraryImport(Lib)] internal static partial int mg_mol_gasteiger_charges(MolHandle m, double* output);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr mg_mol_to_svg(MolHandle m, int width, int height, string legend);
    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_to_svg_weighted(MolHandle m, int width, int height, double* weightsPerAtom);

    [LibraryImport(Lib)] internal static partial int mg_mol_learning_atoms(MolHandle m, int* out7PerAtom, double* mass);
    [LibraryImport(Lib)] internal static partial int mg_mol_learning_bonds(MolHandle m, int* out6PerBond);
    [LibraryImport(Lib)] internal static partial int mg_mol_morgan_bit_info(MolHandle m, int radius, int nbits, int* out3PerEnvironment, int cap);

    [LibraryImport(Lib)] internal static partial IntPtr mg_filter_new(int catalogs);
    [LibraryImport(Lib)] internal static partial void mg_filter_free(IntPtr f);
    [LibraryImport(Lib)] internal static partial int mg_filter_size(FilterHandle f);
    [LibraryImport(Lib)] internal static partial IntPtr mg_filter_matches(FilterHandle f, MolHandle m);

    [LibraryImport(Lib)] internal static partial IntPtr mg_mol_to_random_smiles(MolHandle m, ulong seed, int isomeric);
}
