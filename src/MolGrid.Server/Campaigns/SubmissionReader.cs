using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using MolGrid.Grains;
using MolGrid.Server.Errors;

namespace MolGrid.Server.Campaigns;

/// <summary>
/// Reads a campaign submission from a request: the spec as the whole body (YAML or JSON), or a multipart
/// form with a "spec" part (text or file) and an optional "expression" file. The body is read into memory
/// under the upload cap before anything is parsed, and the uploaded file's name is reduced to a harmless
/// label: nothing here ever touches a path the user chose.
/// </summary>
internal static class SubmissionReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static async Task<CampaignSubmission> ReadAsync(HttpRequest request, string owner, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) throw new PayloadTooLargeException(maxBytes);
        // Kestrel's own body limit (30 MB by default) must not undercut a larger configured cap.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1;
        var body = await ReadBoundedAsync(request.Body, maxBytes, ct);

        if (request.HasFormContentType)
        {
            request.Body = new MemoryStream(body, writable: false);
            IFormCollection form;
            try
            {
                // The whole body is already under the upload cap; let one form value use all of it.
                request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
                {
                    ValueLengthLimit = (int)Math.Min(int.MaxValue, maxBytes),
                    MultipartBodyLengthLimit = maxBytes + 1,
                }));
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
            {
                // A missing or overlong boundary, a truncated body, too many parts: the client's mistake.
                throw new InvalidRequestException("spec", $"not a readable multipart/form-data body: {e.Message}");
            }
            var specFile = form.Files.GetFile("spec");
            string spec;
            if (specFile is not null) spec = Decode(await ReadFileAsync(specFile, ct), "spec");
            else spec = form["spec"].ToString();
            var expression = form.Files.GetFile("expression");
            foreach (var f in form.Files)
                if (f.Name is not ("spec" or "expression")) throw new InvalidRequestException(f.Name, "unexpected file part (expected 'spec' and optionally 'expression')");
            byte[]? data = null;
            string? name = null;
            if (expression is not null)
            {
                data = await ReadFileAsync(expression, ct);
                if (data.Length == 0) throw new InvalidRequestException("expression", "the uploaded expression file is empty");
                name = SafeFileLabel(expression.FileName);
            }
            return Build(spec, owner, name, data);
        }
        return Build(Decode(body, "spec"), owner, null, null);
    }

    private static CampaignSubmission Build(string spec, string owner, string? name, byte[]? data)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new InvalidRequestException("spec", "the campaign spec is empty");
        return new CampaignSubmission(spec, owner, name, data);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) throw new PayloadTooLargeException(maxBytes);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static async Task<byte[]> ReadFileAsync(IFormFile file, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    private static string Decode(byte[] bytes, string field)
    {
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new InvalidRequestException(field, "is not UTF-8 text"); }
    }

    /// <summary>The client's file name reduced to a label: last path segment, safe characters only.</summary>
    internal static string SafeFileLabel(string? clientName)
    {
        var last = (clientName ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var safe = new string(last.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').ToArray()).TrimStart('.');
        if (safe.Length > 100) safe = safe[^100..];
        return safe.Length == 0 ? "expression.tsv" : safe;
    }
}
