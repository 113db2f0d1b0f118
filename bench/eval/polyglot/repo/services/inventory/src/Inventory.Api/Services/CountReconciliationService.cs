using System.Collections.Concurrent;
using Inventory.Api.Models;

namespace Inventory.Api.Services;

/// <summary>
/// Server side of scanner sync: keeps the highest revision of every count id it receives. Which of two
/// counts of the same bin wins is decided on the devices (FieldSync), not here; the server only makes sure
/// an older revision of the same count never overwrites a newer one.
/// </summary>
public class CountReconciliationService
{
    private readonly ConcurrentDictionary<Guid, StockCountDto> _counts = new();

    public Task<IReadOnlyList<StockCountDto>> AcceptAsync(IEnumerable<StockCountDto> incoming, CancellationToken cancellationToken)
    {
        var accepted = new List<StockCountDto>();
        foreach (var count in incoming)
        {
            var kept = _counts.AddOrUpdate(count.Id, count, (_, existing) => existing.Revision >= count.Revision ? existing : count);
            accepted.Add(kept);
        }

        return Task.FromResult<IReadOnlyList<StockCountDto>>(accepted);
    }

    public Task<IReadOnlyList<StockCountDto>> SinceAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var rows = _counts.Values.Where(count => since is null || count.CountedAt > since).ToList();
        return Task.FromResult<IReadOnlyList<StockCountDto>>(rows);
    }
}
