namespace Inventory.Api.Models;

public class StockItem
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string WarehouseCode { get; set; } = "";
    public int OnHand { get; set; }
    public int Reserved { get; set; }

    /// <summary>Optimistic concurrency token (Postgres xmin).</summary>
    public uint Version { get; set; }

    public int Available => OnHand - Reserved;
}
