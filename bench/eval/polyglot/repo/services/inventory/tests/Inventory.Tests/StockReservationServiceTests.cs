using Inventory.Api.Data;
using Inventory.Api.Models;
using Inventory.Api.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StackExchange.Redis;
using Xunit;

namespace Inventory.Tests;

public class StockReservationServiceTests
{
    private static (StockReservationService, InventoryDbContext, FakeTimeProvider) Create()
    {
        var db = new InventoryDbContext(new DbContextOptionsBuilder<InventoryDbContext>().UseInMemoryDatabase(Guid.NewGuid().ToString()).Options);
        db.StockItems.Add(new StockItem { Sku = "MUG-01", WarehouseCode = "HAM", OnHand = 3 });
        db.StockItems.Add(new StockItem { Sku = "MUG-01", WarehouseCode = "MUC", OnHand = 1 });
        db.SaveChanges();
        var redis = new Mock<IConnectionMultiplexer>();
        redis.Setup(connection => connection.GetDatabase(It.IsAny<int>(), It.IsAny<object>())).Returns(new Mock<IDatabase>().Object);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2024-05-06T10:00:00Z"));
        var service = new StockReservationService(db, redis.Object, Options.Create(new ReservationOptions { HoldMinutes = 20 }), NullLogger<StockReservationService>.Instance, time);
        return (service, db, time);
    }

    [Fact]
    public async Task ALineIsNeverSplitAcrossWarehouses()
    {
        var (service, _, _) = Create();
        await Assert.ThrowsAsync<InsufficientStockException>(() => service.ReserveAsync("o-1", new[] { ("MUG-01", 4) }, CancellationToken.None));
    }

    [Fact]
    public async Task HoldsExpireAfterHoldMinutes()
    {
        var (service, db, time) = Create();
        await service.ReserveAsync("o-2", new[] { ("MUG-01", 2) }, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(1, await service.ExpireOverdueAsync(CancellationToken.None));
        Assert.Equal(0, db.StockItems.Sum(item => item.Reserved));
    }
}
