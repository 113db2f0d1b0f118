<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;
use Illuminate\Database\Eloquent\Relations\HasMany;

class Product extends Model
{
    protected $fillable = ['sku', 'name', 'description', 'price_minor', 'currency', 'supplier_code', 'active'];

    protected $casts = ['active' => 'boolean', 'price_minor' => 'integer'];

    public function priceChanges(): HasMany
    {
        return $this->hasMany(PendingPriceChange::class, 'sku', 'sku');
    }

    /** What the search index stores for one product. */
    public function toSearchDocument(): array
    {
        return [
            'id' => $this->sku,
            'name' => $this->name,
            'description' => strip_tags((string) $this->description),
            'price' => $this->price_minor / 100,
            'currency' => $this->currency,
        ];
    }
}
