<?php

namespace App\Http\Controllers;

use App\Models\Product;
use App\Services\SearchIndexer;
use Illuminate\Http\Request;

class ProductController extends Controller
{
    public function index(Request $request)
    {
        $perPage = min((int) $request->query('per_page', 24), 100);
        return Product::where('active', true)->orderBy('name')->paginate($perPage);
    }

    public function show(string $sku)
    {
        return Product::where('sku', $sku)->where('active', true)->firstOrFail();
    }

    public function search(Request $request, SearchIndexer $indexer)
    {
        $query = trim((string) $request->query('q', ''));
        if (mb_strlen($query) < 2) {
            return response()->json(['error' => 'query too short'], 422);
        }
        return ['hits' => $indexer->search($query)];
    }
}
