using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Silo;
using Orleans.Serialization;

namespace MolGrid.Grains.Tests;

/// <summary>A node fault thrown on one silo reaches the campaign grain on another with its type and message: the
/// reason a poison batch's molecules carry ("batch ... failed 3 times on the grid: synthetic crash on ...") is that
/// message, which a missing codec had replaced with "Could not find a codec for type ...".</summary>
public sealed class SiloFaultSerializationTests
{
    [Fact]
    public void A_silo_fault_crosses_the_wire_with_its_type_and_message()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        Exception thrown = new SiloFaultException("the accelerator went away", new InvalidOperationException("CUDA error 999"));

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray(thrown));

        var fault = Assert.IsType<SiloFaultException>(received);
        Assert.Equal("the accelerator went away", fault.Message);
        Assert.Contains("CUDA error 999", fault.InnerException?.Message);
    }
}
