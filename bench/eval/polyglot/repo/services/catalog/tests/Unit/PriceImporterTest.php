<?php

namespace Tests\Unit;

use App\Models\PendingPriceChange;
use App\Models\Product;
use App\Services\PriceImporter;
use App\Services\SearchIndexer;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Tests\TestCase;

class PriceImporterTest extends TestCase
{
    use RefreshDatabase;

    public function test_a_price_jump_over_the_limit_is_held_for_approval(): void
    {
        Product::create(['sku' => 'TEA-1', 'name' => 'Tea', 'price_minor' => 1000, 'currency' => 'EUR', 'active' => true]);
        $file = tempnam(sys_get_temp_dir(), 'prices');
        file_put_contents($file, "sku;price;currency\nTEA-1;19,90;EUR\n");

        $report = (new PriceImporter($this->createMock(SearchIndexer::class)))->import($file, 1);

        $this->assertSame(1, $report['held']);
        $this->assertSame(1000, Product::where('sku', 'TEA-1')->first()->price_minor);
        $this->assertSame(1, PendingPriceChange::count());
    }

    public function test_rows_with_a_decimal_comma_are_parsed(): void
    {
        Product::create(['sku' => 'TEA-2', 'name' => 'Green tea', 'price_minor' => 1000, 'currency' => 'EUR', 'active' => true]);
        $file = tempnam(sys_get_temp_dir(), 'prices');
        file_put_contents($file, "sku;price;currency\nTEA-2;10,50;EUR\n");

        (new PriceImporter($this->createMock(SearchIndexer::class)))->import($file, 2);

        $this->assertSame(1050, Product::where('sku', 'TEA-2')->first()->price_minor);
    }
}
