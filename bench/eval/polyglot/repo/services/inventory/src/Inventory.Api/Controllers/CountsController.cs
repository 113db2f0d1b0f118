using Inventory.Api.Models;
using Inventory.Api.Services;
using Microsoft.AspNetCore.Mvc;

namespace Inventory.Api.Controllers;

/// <summary>Receives stock counts from the warehouse scanners (the FieldSync package) and serves them back.</summary>
[ApiController]
[Route("api/counts")]
public class CountsController : ControllerBase
{
    private readonly CountReconciliationService _reconciliation;

    public CountsController(CountReconciliationService reconciliation)
    {
        _reconciliation = reconciliation;
    }

    [HttpPost]
    public async Task<IReadOnlyList<StockCountDto>> Push(List<StockCountDto> counts, CancellationToken cancellationToken)
    {
        return await _reconciliation.AcceptAsync(counts, cancellationToken);
    }

    [HttpGet]
    public async Task<IReadOnlyList<StockCountDto>> Pull([FromQuery] DateTimeOffset? since, CancellationToken cancellationToken)
    {
        return await _reconciliation.SinceAsync(since, cancellationToken);
    }
}
