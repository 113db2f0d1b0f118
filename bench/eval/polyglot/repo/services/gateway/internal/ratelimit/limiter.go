package ratelimit

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter decides whether one more request of a key is allowed now.
type Limiter interface {
	Allow(ctx context.Context, key string) (allowed bool, retryAfter time.Duration, err error)
}

// tokenBucketScript refills the bucket by elapsed time and takes one token, atomically in Redis so
// that every gateway replica shares one budget per customer.
var tokenBucketScript = redis.NewScript(`
local tokens_key = KEYS[1]
local ts_key = KEYS[2]
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local tokens = tonumber(redis.call("GET", tokens_key) or burst)
local last = tonumber(redis.call("GET", ts_key) or now)
tokens = math.min(burst, tokens + (now - last) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call("SET", tokens_key, tokens, "PX", 120000)
redis.call("SET", ts_key, now, "PX", 120000)
return {allowed, tostring(tokens)}
`)

// RedisLimiter is a token bucket per key: ratePerMinute sustained, burst at once.
type RedisLimiter struct {
	client *redis.Client
	rate   float64 // tokens per millisecond
	burst  int
}

func NewRedisLimiter(addr string, ratePerMinute, burst int) *RedisLimiter {
	return &RedisLimiter{
		client: redis.NewClient(&redis.Options{Addr: addr}),
		rate:   float64(ratePerMinute) / 60000,
		burst:  burst,
	}
}

func (l *RedisLimiter) Allow(ctx context.Context, key string) (bool, time.Duration, error) {
	now := time.Now().UnixMilli()
	result, err := tokenBucketScript.Run(ctx, l.client, []string{"rl:" + key + ":tokens", "rl:" + key + ":ts"}, l.rate, l.burst, now).Slice()
	if err != nil {
		return false, 0, err
	}
	if result[0].(int64) == 1 {
		return true, 0, nil
	}
	tokens, _ := strconv.ParseFloat(result[1].(string), 64)
	wait := time.Duration((1-tokens)/l.rate) * time.Millisecond
	return false, wait, nil
}

// Middleware answers 429 with Retry-After when the caller's bucket is empty. The key is the
// customer id from the verified token, or the client IP for anonymous calls. When Redis is down we
// let requests through (fail open): an outage of the limiter must not become an outage of the shop.
func Middleware(limiter Limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := CustomerFrom(r.Context())
		if key == "" {
			key = "ip:" + clientIP(r)
		}
		allowed, retryAfter, err := limiter.Allow(r.Context(), key)
		if err == nil && !allowed {
			w.Header().Set("Retry-After", strconv.Itoa(int(retryAfter.Seconds())+1))
			http.Error(w, `{"error":"rate_limited"}`, http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
