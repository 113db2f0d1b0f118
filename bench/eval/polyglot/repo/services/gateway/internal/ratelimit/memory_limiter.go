package ratelimit

import (
	"context"
	"sync"
	"time"
)

// MemoryLimiter is a fixed-window counter per key, in process. Used by local development and the
// load-test profile only: with several replicas each one would grant the full budget.
type MemoryLimiter struct {
	mu       sync.Mutex
	limit    int
	window   time.Duration
	counts   map[string]int
	windowAt time.Time
}

func NewMemoryLimiter(limit int, window time.Duration) *MemoryLimiter {
	return &MemoryLimiter{limit: limit, window: window, counts: map[string]int{}, windowAt: time.Now()}
}

func (m *MemoryLimiter) Allow(_ context.Context, key string) (bool, time.Duration, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if time.Since(m.windowAt) > m.window {
		m.counts = map[string]int{}
		m.windowAt = time.Now()
	}
	m.counts[key]++
	if m.counts[key] > m.limit {
		return false, m.window - time.Since(m.windowAt), nil
	}
	return true, 0, nil
}
