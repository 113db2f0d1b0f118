namespace Inventory.Api.Models;

public enum ReservationStatus
{
    Held,
    Committed,
    Released,
    Expired
}

public class Reservation
{
    public Guid Id { get; set; }
    public string OrderId { get; set; } = "";
    public string Sku { get; set; } = "";
    public string WarehouseCode { get; set; } = "";
    public int Quantity { get; set; }
    public ReservationStatus Status { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
