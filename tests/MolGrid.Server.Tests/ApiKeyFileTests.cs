using System.Net;
using System.Text.Json;

namespace MolGrid.Server.Tests;

public class ApiKeyFileTests
{
    [Fact]
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
}
