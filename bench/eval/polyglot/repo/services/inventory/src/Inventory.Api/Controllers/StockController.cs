using Inventory.Api.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Api.Controllers;

[ApiController]
[Route("api/stock")]
public class StockController : ControllerBase
{
    private readonly InventoryDbContext _db;

    public StockController(InventoryDbContext db)
    {
        _db = db;
    }

    [HttpGet("{sku}")]
    public async Task<IActionResult> Get(string sku, CancellationToken cancellationToken)
    {
        var rows = await _db.StockItems.Where(item => item.Sku == sku)
            .Select(item => new { item.WarehouseCode, item.OnHand, item.Reserved, Available = item.OnHand - item.Reserved })
            .ToListAsync(cancellationToken);
        return rows.Count == 0 ? NotFound() : Ok(rows);
    }
}
