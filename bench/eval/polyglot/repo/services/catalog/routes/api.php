<?php

use App\Http\Controllers\ProductController;
use App\Http\Controllers\PriceImportController;
use Illuminate\Support\Facades\Route;

Route::get('/products', [ProductController::class, 'index']);
Route::get('/products/{sku}', [ProductController::class, 'show']);
Route::get('/search', [ProductController::class, 'search']);

Route::middleware('internal')->group(function () {
    Route::post('/imports/prices', [PriceImportController::class, 'store']);
    Route::post('/imports/prices/{import}/approve', [PriceImportController::class, 'approve']);
});
