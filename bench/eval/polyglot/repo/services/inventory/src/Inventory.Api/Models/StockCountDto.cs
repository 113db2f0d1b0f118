namespace Inventory.Api.Models;

public record StockCountDto(Guid Id, string Sku, string BinCode, int Quantity, DateTimeOffset CountedAt, string DeviceId, int Revision);
