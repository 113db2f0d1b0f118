<?php

namespace App\Services;

use App\Models\PendingPriceChange;
use App\Models\Product;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Log;
use League\Csv\Reader;

/**
 * Imports a supplier's price list (CSV: sku;price;currency) into the catalog.
 *
 * Rows are applied in batches, one transaction per batch, so a broken row near the end does not roll
 * back thousands of good ones. A price that jumps by more than the configured limit is not applied:
 * it waits as a PendingPriceChange for a category manager. Unknown SKUs are reported, not created.
 */
class PriceImporter
{
    private int $batchSize;
    private int $limitPercent;

    public function __construct(private SearchIndexer $indexer)
    {
        $this->batchSize = config('catalog.import_batch_size');
        $this->limitPercent = config('catalog.price_change_limit_percent');
    }

    /** @return array{applied: int, held: int, unknown: list<string>, invalid: list<int>} */
    public function import(string $path, int $importId): array
    {
        $reader = Reader::createFromPath($path);
        $reader->setDelimiter(';');
        $reader->setHeaderOffset(0);

        $report = ['applied' => 0, 'held' => 0, 'unknown' => [], 'invalid' => []];
        $batch = [];
        foreach ($reader->getRecords() as $line => $row) {
            $parsed = $this->parseRow($row);
            if ($parsed === null) {
                $report['invalid'][] = $line + 1;
                continue;
            }
            $batch[] = $parsed;
            if (count($batch) >= $this->batchSize) {
                $this->applyBatch($batch, $importId, $report);
                $batch = [];
            }
        }
        if ($batch !== []) {
            $this->applyBatch($batch, $importId, $report);
        }

        Log::info('price import finished', ['import' => $importId] + array_map(fn ($v) => is_array($v) ? count($v) : $v, $report));
        return $report;
    }

    /** Approves a held change: applies the new price and reindexes the product. */
    public function approve(PendingPriceChange $change): void
    {
        DB::transaction(function () use ($change) {
            $product = Product::where('sku', $change->sku)->lockForUpdate()->firstOrFail();
            $product->update(['price_minor' => $change->new_price_minor]);
            $change->update(['status' => 'approved']);
            $this->indexer->upsert([$product]);
        });
    }

    /**
     * @param list<array{sku: string, price_minor: int, currency: string}> $rows
     */
    private function applyBatch(array $rows, int $importId, array &$report): void
    {
        DB::transaction(function () use ($rows, $importId, &$report) {
            $products = Product::whereIn('sku', array_column($rows, 'sku'))->lockForUpdate()->get()->keyBy('sku');
            $changed = [];
            foreach ($rows as $row) {
                $product = $products->get($row['sku']);
                if ($product === null) {
                    $report['unknown'][] = $row['sku'];
                    continue;
                }
                if ($product->currency !== $row['currency']) {
                    // A supplier switching currency is a contract change, never a price update.
                    $report['unknown'][] = $row['sku'];
                    continue;
                }
                if ($this->exceedsLimit($product->price_minor, $row['price_minor'])) {
                    PendingPriceChange::create([
                        'sku' => $row['sku'],
                        'old_price_minor' => $product->price_minor,
                        'new_price_minor' => $row['price_minor'],
                        'import_id' => $importId,
                        'status' => 'pending',
                    ]);
                    $report['held']++;
                    continue;
                }
                if ($product->price_minor !== $row['price_minor']) {
                    $product->update(['price_minor' => $row['price_minor']]);
                    $changed[] = $product;
                }
                $report['applied']++;
            }
            $this->indexer->upsert($changed);
        });
    }

    private function exceedsLimit(int $old, int $new): bool
    {
        if ($old === 0) {
            return true;
        }
        return abs($new - $old) * 100 / $old > $this->limitPercent;
    }

    /** Supplier files use a decimal comma ("12,90"); prices become minor units. */
    private function parseRow(array $row): ?array
    {
        $sku = trim($row['sku'] ?? '');
        $price = str_replace(',', '.', trim($row['price'] ?? ''));
        $currency = strtoupper(trim($row['currency'] ?? ''));
        if ($sku === '' || !is_numeric($price) || !in_array($currency, config('catalog.currencies'), true)) {
            return null;
        }
        return ['sku' => $sku, 'price_minor' => (int) round(((float) $price) * 100), 'currency' => $currency];
    }
}
