using Inventory.Api.Data;
using Inventory.Api.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Inventory.Api.Services;

public class InsufficientStockException : Exception
{
    public InsufficientStockException(string sku, int requested, int available)
        : base($"only {available} of {sku} available, {requested} requested")
    {
        Sku = sku;
    }

    public string Sku { get; }
}

/// <summary>
/// Holds stock for an order between checkout and payment. A hold lowers the available quantity at
/// once; it is committed when the order is paid, released when it is cancelled, and expires on its own
/// after <see cref="ReservationOptions.HoldMinutes"/>.
/// </summary>
public class StockReservationService
{
    private const int MaxConcurrencyRetries = 3;

    private readonly InventoryDbContext _db;
    private readonly IDatabase _redis;
    private readonly ReservationOptions _options;
    private readonly ILogger<StockReservationService> _logger;
    private readonly TimeProvider _time;

    public StockReservationService(
        InventoryDbContext db,
        IConnectionMultiplexer redis,
        IOptions<ReservationOptions> options,
        ILogger<StockReservationService> logger,
        TimeProvider time)
    {
        _db = db;
        _redis = redis.GetDatabase();
        _options = options.Value;
        _logger = logger;
        _time = time;
    }

    /// <summary>
    /// Reserves every line of an order or none of them. Two checkouts racing for the last unit are
    /// resolved by the row version: the loser retries and then fails with InsufficientStockException.
    /// </summary>
    public async Task<IReadOnlyList<Reservation>> ReserveAsync(string orderId, IReadOnlyList<(string Sku, int Quantity)> lines, CancellationToken cancellationToken)
    {
        // Idempotent per order: checkout retries the call when the browser times out.
        var existing = await _db.Reservations
            .Where(reservation => reservation.OrderId == orderId && reservation.Status == ReservationStatus.Held)
            .ToListAsync(cancellationToken);
        if (existing.Count > 0)
        {
            return existing;
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var reservations = new List<Reservation>();
                foreach (var (sku, quantity) in lines)
                {
                    if (quantity <= 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(lines), $"quantity for {sku} must be positive");
                    }

                    var item = await PickWarehouseAsync(sku, quantity, cancellationToken)
                        ?? throw new InsufficientStockException(sku, quantity, await TotalAvailableAsync(sku, cancellationToken));
                    item.Reserved += quantity;
                    var reservation = new Reservation
                    {
                        Id = Guid.NewGuid(),
                        OrderId = orderId,
                        Sku = sku,
                        WarehouseCode = item.WarehouseCode,
                        Quantity = quantity,
                        Status = ReservationStatus.Held,
                        ExpiresAt = _time.GetUtcNow().AddMinutes(_options.HoldMinutes),
                    };
                    _db.Reservations.Add(reservation);
                    reservations.Add(reservation);
                }

                await _db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await PublishAvailabilityAsync(reservations.Select(reservation => reservation.Sku), cancellationToken);
                return reservations;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConcurrencyRetries)
            {
                await transaction.RollbackAsync(cancellationToken);
                _db.ChangeTracker.Clear();
                _logger.LogInformation("stock changed under order {OrderId}, retry {Attempt}", orderId, attempt);
            }
        }
    }

    /// <summary>Payment succeeded: the held units leave stock for good.</summary>
    public async Task CommitAsync(string orderId, CancellationToken cancellationToken)
    {
        var held = await HeldForOrderAsync(orderId, cancellationToken);
        foreach (var reservation in held)
        {
            var item = await _db.StockItems.SingleAsync(
                stock => stock.Sku == reservation.Sku && stock.WarehouseCode == reservation.WarehouseCode, cancellationToken);
            item.Reserved -= reservation.Quantity;
            item.OnHand -= reservation.Quantity;
            reservation.Status = ReservationStatus.Committed;
            if (item.Available <= _options.LowStockThreshold)
            {
                _logger.LogWarning("low stock: {Sku} in {Warehouse} has {Available} left", item.Sku, item.WarehouseCode, item.Available);
            }
        }

        await _db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Order cancelled (or hold expired): the units become available again.</summary>
    public async Task ReleaseAsync(string orderId, ReservationStatus reason, CancellationToken cancellationToken)
    {
        var held = await HeldForOrderAsync(orderId, cancellationToken);
        foreach (var reservation in held)
        {
            var item = await _db.StockItems.SingleAsync(
                stock => stock.Sku == reservation.Sku && stock.WarehouseCode == reservation.WarehouseCode, cancellationToken);
            item.Reserved -= reservation.Quantity;
            reservation.Status = reason;
        }

        await _db.SaveChangesAsync(cancellationToken);
        await PublishAvailabilityAsync(held.Select(reservation => reservation.Sku), cancellationToken);
    }

    /// <summary>Releases every hold whose time ran out; called by the sweeper.</summary>
    public async Task<int> ExpireOverdueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var overdueOrders = await _db.Reservations
            .Where(reservation => reservation.Status == ReservationStatus.Held && reservation.ExpiresAt < now)
            .Select(reservation => reservation.OrderId)
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var orderId in overdueOrders)
        {
            await ReleaseAsync(orderId, ReservationStatus.Expired, cancellationToken);
        }

        return overdueOrders.Count;
    }

    /// <summary>
    /// The warehouse that ships a line: the one with the most available units that can cover the whole
    /// quantity on its own (we never split a line across warehouses: one parcel per line).
    /// </summary>
    private Task<StockItem?> PickWarehouseAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        _db.StockItems
            .Where(item => item.Sku == sku && item.OnHand - item.Reserved >= quantity)
            .OrderByDescending(item => item.OnHand - item.Reserved)
            .FirstOrDefaultAsync(cancellationToken);

    private Task<int> TotalAvailableAsync(string sku, CancellationToken cancellationToken) =>
        _db.StockItems.Where(item => item.Sku == sku).SumAsync(item => item.OnHand - item.Reserved, cancellationToken);

    private Task<List<Reservation>> HeldForOrderAsync(string orderId, CancellationToken cancellationToken) =>
        _db.Reservations
            .Where(reservation => reservation.OrderId == orderId && reservation.Status == ReservationStatus.Held)
            .ToListAsync(cancellationToken);

    /// <summary>The storefront reads availability from Redis, not from us, so tell it what changed.</summary>
    private async Task PublishAvailabilityAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        foreach (var sku in skus.Distinct())
        {
            var available = await TotalAvailableAsync(sku, cancellationToken);
            await _redis.StringSetAsync($"availability:{sku}", available, TimeSpan.FromMinutes(10));
        }
    }
}
