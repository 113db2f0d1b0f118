package proxy

import (
	"net/http"
	"time"
)

// retryTransport retries idempotent requests (GET, HEAD) once when the backend connection fails,
// e.g. while a pod is being replaced. Writes are never retried: billing and inventory calls are not
// safe to repeat without an idempotency key.
type retryTransport struct {
	next  http.RoundTripper
	delay time.Duration
}

func (t retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	response, err := t.next.RoundTrip(req)
	if err == nil || (req.Method != http.MethodGet && req.Method != http.MethodHead) {
		return response, err
	}
	time.Sleep(t.delay)
	return t.next.RoundTrip(req)
}
