<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;

/** Import endpoints are for the back office only: requests must come from inside the cluster. */
class InternalOnly
{
    public function handle(Request $request, Closure $next)
    {
        $ip = $request->ip();
        if (!str_starts_with($ip, '10.') && $ip !== '127.0.0.1') {
            abort(403, 'internal endpoint');
        }
        return $next($request);
    }
}
