<?php

namespace App\Services;

use App\Models\Product;
use Meilisearch\Client;

/** Keeps the Meilisearch product index in step with the database. */
class SearchIndexer
{
    private Client $client;

    public function __construct()
    {
        $this->client = new Client(config('catalog.search.host'), config('catalog.search.key'));
    }

    /** @param iterable<Product> $products */
    public function upsert(iterable $products): void
    {
        $documents = [];
        foreach ($products as $product) {
            $documents[] = $product->toSearchDocument();
        }
        if ($documents !== []) {
            $this->client->index(config('catalog.search.index'))->addDocuments($documents, 'id');
        }
    }

    public function search(string $query, int $limit = 20): array
    {
        return $this->client->index(config('catalog.search.index'))->search($query, ['limit' => $limit])->getHits();
    }
}
