<?php

namespace Tests\Feature;

use Tests\TestCase;

class ProductSearchTest extends TestCase
{
    public function test_one_letter_queries_are_rejected(): void
    {
        $this->getJson('/api/search?q=a')->assertStatus(422);
    }
}
