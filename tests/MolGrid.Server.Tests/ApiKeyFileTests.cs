using System.Net;
using System.Text.Json;

namespace MolGrid.Server.Tests;

public class ApiKeyFileTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task FirstRunCreatesPrivateKeysFileWithOneWorkingKeyPerRole()
    {
        await using var host = await ServerHost.StartWithTestGridAsync(inlineKeys: false);
        var path = Path.Combine(host.DataDirectory, "keys.json");
        Assert.True(File.Exists(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var keys = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(["admin", "chemist", "researcher"], keys.Select(k => k.GetProperty("role").GetString()).Order());
        foreach (var k in keys)
        {
            var me = await (await host.Client(k.GetProperty("key").GetString()).GetAsync("/api/me")).Json();
            Assert.Equal(k.GetProperty("role").GetString(), me.GetProperty("role").GetString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client("mg_0000000000000000000000000000000000000000").GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task KeysFileAndInlineKeysFromConfigurationAsEnvironmentVariablesWouldGiveThem()
    {
        var dir = Directory.CreateTempSubdirectory("molgrid-keys").FullName;
        var file = Path.Combine(dir, "team-keys.json");
        File.WriteAllText(file, """{"keys":[{"name":"carol","role":"chemist","key":"carol-key-from-file-0000"}]}""");
        // The same keys as MolGrid__ApiKeys__KeysFile=... and MolGrid__ApiKeys__Keys__0__Name=... would set.
        var config = new Dictionary<string, string?>
        {
            ["MolGrid:ApiKeys:KeysFile"] = file,
            ["MolGrid:ApiKeys:Keys:0:Name"] = "dan",
            ["MolGrid:ApiKeys:Keys:0:Role"] = "admin",
            ["MolGrid:ApiKeys:Keys:0:Key"] = "dan-inline-admin-key-0000",
        };
        await using var host = await ServerHost.StartWithTestGridAsync(inlineKeys: false, configuration: config);
        Assert.Equal("chemist", (await (await host.Client("carol-key-from-file-0000").GetAsync("/api/me")).Json()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await host.Client("dan-inline-admin-key-0000").GetAsync("/api/silos")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("carol-key-from-file-0000").GetAsync("/api/silos")).StatusCode);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "keys.json")), "no default keys file when keys are configured");
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task MissingExplicitKeysFileOrBadRoleStopsStartup()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartWithTestGridAsync(inlineKeys: false,
            configuration: new Dictionary<string, string?> { ["MolGrid:ApiKeys:KeysFile"] = "/nonexistent/keys.json" }));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerHost.StartWithTestGridAsync(inlineKeys: false,
            configuration: new Dictionary<string, string?>
            {
                ["MolGrid:ApiKeys:Keys:0:Name"] = "eve", ["MolGrid:ApiKeys:Keys:0:Role"] = "superuser", ["MolGrid:ApiKeys:Keys:0:Key"] = "eve-key-0000000000000",
            }));
        Assert.Contains("superuser", e.Message);
    }

    [Fact]
    public async Task SecondStartReusesTheKeysFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "molgrid-server-tests", Guid.NewGuid().ToString("N"));
        string firstKey;
        await using (var first = await ServerHost.StartWithTestGridAsync(inlineKeys: false, dataDirectory: dir))
            firstKey = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "keys.json"))).RootElement.GetProperty("keys")[0].GetProperty("key").GetString()!;
        await using (var second = await ServerHost.StartWithTestGridAsync(inlineKeys: false, dataDirectory: dir))
        {
            Assert.False(second.Service<MolGrid.Server.Security.ApiKeyStore>().CreatedKeysFile);
            Assert.Equal(HttpStatusCode.OK, (await second.Client(firstKey).GetAsync("/api/me")).StatusCode);
        }
        Directory.Delete(dir, true);
    }
}
