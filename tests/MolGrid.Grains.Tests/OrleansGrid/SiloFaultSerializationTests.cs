using Microsoft.Extensions.DependencyInjection;
using MolGrid.Grains.Silo;
using Orleans.Serialization;

namespace MolGrid.Grains.Tests;

/// <summary>The faults a work grain sends back reach the campaign grain on another silo with their type and message:
/// a node fault's is the reason a poison batch's molecules carry ("batch ... failed 3 times on the grid: synthetic
/// crash on ..."), which a missing codec had replaced with "Could not find a codec for type ..."; a store failure's
/// type is what makes the campaign pause instead of failing the batch (Npgsql's own exception has no codec).</summary>
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

    [Fact]
    public void A_store_failure_crosses_the_wire_as_a_store_failure()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        Exception thrown = new StoreUnavailableException("the grid store failed on silo S1: 53300: sorry, too many clients already");

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray(thrown));

        Assert.Equal(thrown.Message, Assert.IsType<StoreUnavailableException>(received).Message);
    }
}
