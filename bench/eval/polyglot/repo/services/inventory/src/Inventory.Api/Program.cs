using Inventory.Api.Data;
using Inventory.Api.Services;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<ReservationOptions>(builder.Configuration.GetSection("Reservations"));
builder.Services.AddDbContext<InventoryDbContext>(options =>
    options.UseNpgsql(builder.Configuration.GetConnectionString("Inventory")));
builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
    ConnectionMultiplexer.Connect(builder.Configuration.GetConnectionString("Redis")!));
builder.Services.AddScoped<StockReservationService>();
builder.Services.AddScoped<WarehouseTransferService>();
builder.Services.AddHostedService<ExpiredReservationSweeper>();
builder.Services.AddControllers();

var app = builder.Build();
app.MapControllers();
app.MapGet("/healthz", () => Results.Ok("ok"));
app.Run();
