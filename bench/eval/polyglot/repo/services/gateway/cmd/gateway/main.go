package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tidewater/gateway/internal/auth"
	"github.com/tidewater/gateway/internal/config"
	"github.com/tidewater/gateway/internal/proxy"
	"github.com/tidewater/gateway/internal/ratelimit"
)

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	limiter := ratelimit.NewRedisLimiter(cfg.RedisAddr, cfg.RatePerMinute, cfg.Burst)
	verifier := auth.NewVerifier(cfg.JWTIssuer, cfg.JWKSURL)
	router := proxy.NewRouter(cfg.Routes)

	handler := auth.Middleware(verifier, ratelimit.Middleware(limiter, router))
	server := &http.Server{Addr: cfg.ListenAddr, Handler: handler, ReadHeaderTimeout: 5 * time.Second}

	go func() {
		if err := server.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			slog.Error("listen", "err", err)
			os.Exit(1)
		}
	}()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	// Kubernetes sends SIGTERM and waits terminationGracePeriodSeconds (30 s): drain within 25 s.
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	_ = server.Shutdown(ctx)
}
