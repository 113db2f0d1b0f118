<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

return new class extends Migration
{
    public function up(): void
    {
        Schema::create('products', function (Blueprint $table) {
            $table->id();
            $table->string('sku')->unique();
            $table->string('name');
            $table->text('description')->nullable();
            $table->bigInteger('price_minor');
            $table->char('currency', 3)->default('EUR');
            $table->string('supplier_code')->nullable();
            $table->boolean('active')->default(true);
            $table->timestamps();
        });
        Schema::create('pending_price_changes', function (Blueprint $table) {
            $table->id();
            $table->string('sku')->index();
            $table->bigInteger('old_price_minor');
            $table->bigInteger('new_price_minor');
            $table->unsignedBigInteger('import_id');
            $table->string('status')->default('pending');
            $table->timestamps();
        });
    }
};
