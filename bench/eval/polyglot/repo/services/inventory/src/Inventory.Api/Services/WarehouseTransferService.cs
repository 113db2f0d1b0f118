using Inventory.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Api.Services;

/// <summary>Moves on-hand units between warehouses (rebalancing before a sale, or closing a site).</summary>
public class WarehouseTransferService
{
    private readonly InventoryDbContext _db;

    public WarehouseTransferService(InventoryDbContext db)
    {
        _db = db;
    }

    public async Task TransferAsync(string sku, string fromWarehouse, string toWarehouse, int quantity, CancellationToken cancellationToken)
    {
        var source = await _db.StockItems.SingleAsync(item => item.Sku == sku && item.WarehouseCode == fromWarehouse, cancellationToken);
        var target = await _db.StockItems.SingleAsync(item => item.Sku == sku && item.WarehouseCode == toWarehouse, cancellationToken);
        // Reserved units are promised to an order in the source warehouse: only free units may move.
        if (source.Available < quantity)
        {
            throw new InvalidOperationException($"{fromWarehouse} has only {source.Available} free units of {sku}");
        }

        source.OnHand -= quantity;
        target.OnHand += quantity;
        await _db.SaveChangesAsync(cancellationToken);
    }
}
