package health

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Check is one dependency probe.
type Check func(ctx context.Context) error

// Handler answers /readyz: 200 when every check passes within two seconds, 503 with the failures
// otherwise. /healthz (liveness) never checks dependencies, so a Redis outage does not restart pods.
func Handler(checks map[string]Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		failures := map[string]string{}
		for name, check := range checks {
			if err := check(ctx); err != nil {
				failures[name] = err.Error()
			}
		}
		if len(failures) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": len(failures) == 0, "failures": failures})
	})
}
