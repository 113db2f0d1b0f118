<?php

namespace App\Http\Controllers;

use App\Jobs\ImportPricesJob;
use App\Models\PendingPriceChange;
use App\Services\PriceImporter;
use Illuminate\Http\Request;

class PriceImportController extends Controller
{
    public function store(Request $request)
    {
        $request->validate(['file' => 'required|file|mimes:csv,txt|max:20480']);
        $path = $request->file('file')->store('imports');
        $importId = random_int(1, PHP_INT_MAX);
        ImportPricesJob::dispatch(storage_path('app/' . $path), $importId);
        return response()->json(['import' => $importId], 202);
    }

    public function approve(PendingPriceChange $import, PriceImporter $importer)
    {
        $importer->approve($import);
        return response()->noContent();
    }
}
