namespace MolGrid.Molecules;

/// <summary>Reading molecules from files, by extension: .smi/.smiles/.csv/.tsv/.txt (SMILES tables) and .sdf/.sd
/// (SD files), optionally gzip'd (.gz). Records stream lazily; a bad record does not stop the file unless
/// <c>strict</c> is set.</summary>
public static class MoleculeFiles
{
    /// <summary>The raw records of a file (nothing parsed yet). File-level problems (missing file, binary
    /// data, unreadable header) throw <see cref="MoleculeFileException"/>.</summary>
    public static IEnumerable<MoleculeFileRecord> ReadRecords(string path, SmilesFileOptions? options = null)
    {
        if (!File.Exists(path)) throw new MoleculeFileException(path, "file not found");
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        return ext switch
        {
            ".sdf" or ".sd" or ".mol" => SdfReader.Read(path),
            ".smi" or ".smiles" or ".csv" or ".tsv" or ".txt" => SmilesFileReader.Read(path, options),
            _ => throw new MoleculeFileException(path, $"unknown file type '{ext}'; expected .smi, .csv, .tsv, .txt or .sdf (optionally .gz)"),
        };
    }

    /// <summary>Every record, parsed. With <paramref name="strict"/> the first bad record throws
    /// <see cref="MoleculeFileException"/> naming the file and line; otherwise it comes back with its error.</summary>
    public static IEnumerable<MoleculeReadResult> Read(string path, bool strict = false, SmilesFileOptions? options = null)
    {
        foreach (var record in ReadRecords(path, options))
        {
            Molecule? mol = null;
            string? error = null;
            try
            {
                mol = record.Parse();
            }
            catch (MoleculeFileException e) when (!strict)
            {
                error = e.Message;
            }
            yield return new MoleculeReadResult(record, mol, error);
        }
    }

    /// <summary>Opens a possibly gzip'd file as text, refusing binary data.</summary>
    internal static TextReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        return new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>Reads the next line, turning decoding failures and NUL bytes into a file error.</summary>
    internal static string? ReadLine(TextReader reader, string path, int lineNumber)
    {
        string? line;
        try
        {
            line = reader.ReadLine();
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new MoleculeFileException(path, $"line {lineNumber}: not UTF-8 text (binary data?)");
        }
        catch (InvalidDataException e)
        {
            throw new MoleculeFileException(path, $"not a valid gzip file: {e.Message}");
        }
        if (line is not null && line.Contains('\0'))
            throw new MoleculeFileException(path, $"line {lineNumber}: contains NUL bytes (binary data?)");
        return line;
    }
}
