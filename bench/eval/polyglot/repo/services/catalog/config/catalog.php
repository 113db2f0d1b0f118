<?php

return [
    // Supplier price files are imported in batches of this many rows per transaction.
    'import_batch_size' => (int) env('CATALOG_IMPORT_BATCH_SIZE', 500),

    // A price that moves by more than this (up or down) in one import is held for a human to approve.
    'price_change_limit_percent' => (int) env('CATALOG_PRICE_CHANGE_LIMIT_PERCENT', 30),

    'search' => [
        'index' => 'products',
        'host' => env('MEILISEARCH_HOST', 'http://meilisearch:7700'),
        'key' => env('MEILISEARCH_KEY'),
    ],

    'currencies' => ['EUR', 'GBP', 'CHF'],
];
