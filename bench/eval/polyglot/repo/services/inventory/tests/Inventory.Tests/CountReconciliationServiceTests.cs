using Inventory.Api.Models;
using Inventory.Api.Services;
using Xunit;

namespace Inventory.Tests;

public class CountReconciliationServiceTests
{
    [Fact]
    public async Task AnOlderRevisionNeverOverwritesANewerOne()
    {
        var service = new CountReconciliationService();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await service.AcceptAsync(new[] { new StockCountDto(id, "MUG-01", "A-01-3", 9, now, "scanner-a", 3) }, CancellationToken.None);
        var kept = await service.AcceptAsync(new[] { new StockCountDto(id, "MUG-01", "A-01-3", 12, now, "scanner-a", 2) }, CancellationToken.None);
        Assert.Equal(9, kept[0].Quantity);
    }
}
