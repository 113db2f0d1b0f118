<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;

/** A supplier price that moved too far to apply unattended; a category manager approves or rejects it. */
class PendingPriceChange extends Model
{
    protected $fillable = ['sku', 'old_price_minor', 'new_price_minor', 'import_id', 'status'];
}
