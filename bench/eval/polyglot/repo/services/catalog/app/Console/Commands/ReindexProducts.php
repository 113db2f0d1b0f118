<?php

namespace App\Console\Commands;

use App\Models\Product;
use App\Services\SearchIndexer;
use Illuminate\Console\Command;

/** php artisan catalog:reindex — rebuilds the search index from the database (after a Meilisearch upgrade). */
class ReindexProducts extends Command
{
    protected $signature = 'catalog:reindex {--chunk=1000}';
    protected $description = 'Push every active product to the search index again';

    public function handle(SearchIndexer $indexer): int
    {
        Product::where('active', true)->chunkById((int) $this->option('chunk'), function ($products) use ($indexer) {
            $indexer->upsert($products);
            $this->output->write('.');
        });
        $this->newLine();
        return self::SUCCESS;
    }
}
