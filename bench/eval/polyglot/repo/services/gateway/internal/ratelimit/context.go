package ratelimit

import (
	"context"
	"net"
	"net/http"
	"strings"
)

type customerKey struct{}

// WithCustomer stores the verified customer id for the limiter (set by the auth middleware).
func WithCustomer(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, customerKey{}, id)
}

func CustomerFrom(ctx context.Context) string {
	id, _ := ctx.Value(customerKey{}).(string)
	return id
}

// clientIP trusts only the first X-Forwarded-For hop, which our ingress sets.
func clientIP(r *http.Request) string {
	if forwarded := r.Header.Get("X-Forwarded-For"); forwarded != "" {
		return strings.TrimSpace(strings.Split(forwarded, ",")[0])
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}
