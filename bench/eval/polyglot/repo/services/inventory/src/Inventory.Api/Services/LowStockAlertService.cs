using Inventory.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inventory.Api.Services;

/// <summary>Daily list of SKUs whose available units fell to the threshold, for the purchasing team.</summary>
public class LowStockAlertService
{
    private readonly InventoryDbContext _db;
    private readonly ReservationOptions _options;

    public LowStockAlertService(InventoryDbContext db, IOptions<ReservationOptions> options)
    {
        _db = db;
        _options = options.Value;
    }

    public Task<List<string>> SkusBelowThresholdAsync(CancellationToken cancellationToken) =>
        _db.StockItems
            .GroupBy(item => item.Sku)
            .Where(group => group.Sum(item => item.OnHand - item.Reserved) <= _options.LowStockThreshold)
            .Select(group => group.Key)
            .ToListAsync(cancellationToken);
}
