using Microsoft.Extensions.Options;

namespace Inventory.Api.Services;

/// <summary>Background loop that expires holds whose checkout never paid.</summary>
public class ExpiredReservationSweeper : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ReservationOptions _options;
    private readonly ILogger<ExpiredReservationSweeper> _logger;

    public ExpiredReservationSweeper(IServiceScopeFactory scopes, IOptions<ReservationOptions> options, ILogger<ExpiredReservationSweeper> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.SweepIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            using var scope = _scopes.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<StockReservationService>();
            var expired = await service.ExpireOverdueAsync(stoppingToken);
            if (expired > 0)
            {
                _logger.LogInformation("expired holds of {Count} orders", expired);
            }
        }
    }
}
