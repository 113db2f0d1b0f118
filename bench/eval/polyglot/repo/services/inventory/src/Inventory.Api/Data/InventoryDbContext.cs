using Inventory.Api.Models;
using Microsoft.EntityFrameworkCore;

namespace Inventory.Api.Data;

public class InventoryDbContext : DbContext
{
    public InventoryDbContext(DbContextOptions<InventoryDbContext> options) : base(options)
    {
    }

    public DbSet<StockItem> StockItems => Set<StockItem>();
    public DbSet<Reservation> Reservations => Set<Reservation>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<StockItem>().HasIndex(item => new { item.Sku, item.WarehouseCode }).IsUnique();
        model.Entity<StockItem>().Property(item => item.Version).IsRowVersion();
        model.Entity<Reservation>().HasIndex(reservation => reservation.OrderId);
    }
}
