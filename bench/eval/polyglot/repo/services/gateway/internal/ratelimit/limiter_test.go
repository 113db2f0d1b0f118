package ratelimit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

type fakeLimiter struct{ allow bool }

func (f fakeLimiter) Allow(context.Context, string) (bool, time.Duration, error) {
	return f.allow, 1500 * time.Millisecond, nil
}

func TestMiddlewareRejectsWithRetryAfter(t *testing.T) {
	handler := Middleware(fakeLimiter{allow: false}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	recorder := httptest.NewRecorder()
	handler.ServeHTTP(recorder, httptest.NewRequest("GET", "/api/catalog/products", nil))
	if recorder.Code != http.StatusTooManyRequests {
		t.Fatalf("status %d", recorder.Code)
	}
	if recorder.Header().Get("Retry-After") != "2" {
		t.Fatalf("Retry-After %q", recorder.Header().Get("Retry-After"))
	}
}
