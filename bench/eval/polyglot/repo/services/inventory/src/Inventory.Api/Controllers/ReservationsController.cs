using Inventory.Api.Models;
using Inventory.Api.Services;
using Microsoft.AspNetCore.Mvc;

namespace Inventory.Api.Controllers;

public record ReserveRequest(string OrderId, List<ReserveLine> Lines);
public record ReserveLine(string Sku, int Quantity);

[ApiController]
[Route("api/reservations")]
public class ReservationsController : ControllerBase
{
    private readonly StockReservationService _reservations;

    public ReservationsController(StockReservationService reservations)
    {
        _reservations = reservations;
    }

    [HttpPost]
    public async Task<IActionResult> Reserve(ReserveRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var held = await _reservations.ReserveAsync(request.OrderId, request.Lines.Select(line => (line.Sku, line.Quantity)).ToList(), cancellationToken);
            return Ok(held);
        }
        catch (InsufficientStockException error)
        {
            return Conflict(new { error = "insufficient_stock", sku = error.Sku, message = error.Message });
        }
    }

    [HttpPost("{orderId}/commit")]
    public async Task<IActionResult> Commit(string orderId, CancellationToken cancellationToken)
    {
        await _reservations.CommitAsync(orderId, cancellationToken);
        return NoContent();
    }

    [HttpDelete("{orderId}")]
    public async Task<IActionResult> Release(string orderId, CancellationToken cancellationToken)
    {
        await _reservations.ReleaseAsync(orderId, ReservationStatus.Released, cancellationToken);
        return NoContent();
    }
}
