<?php

namespace App\Jobs;

use App\Services\PriceImporter;
use Illuminate\Bus\Queueable;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Foundation\Bus\Dispatchable;

class ImportPricesJob implements ShouldQueue
{
    use Dispatchable, Queueable;

    public int $tries = 1;
    public int $timeout = 900;

    public function __construct(private string $path, private int $importId)
    {
    }

    public function handle(PriceImporter $importer): void
    {
        $importer->import($this->path, $this->importId);
    }
}
