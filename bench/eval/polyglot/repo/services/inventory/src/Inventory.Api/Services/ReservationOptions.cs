namespace Inventory.Api.Services;

/// <summary>The "Reservations" section of appsettings.json.</summary>
public class ReservationOptions
{
    /// <summary>How long checkout may hold stock before payment; then the hold expires.</summary>
    public int HoldMinutes { get; set; } = 20;
    public int SweepIntervalSeconds { get; set; } = 60;
    public int LowStockThreshold { get; set; } = 5;
}
