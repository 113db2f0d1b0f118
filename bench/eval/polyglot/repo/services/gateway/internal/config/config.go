package config

import (
	"fmt"
	"os"
	"strconv"
)

type Config struct {
	ListenAddr    string
	JWTIssuer     string
	JWKSURL       string
	RedisAddr     string
	RatePerMinute int
	Burst         int
	Routes        map[string]string
}

// Load reads the GATEWAY_* environment variables; the issuer and the JWKS URL are required.
func Load() (Config, error) {
	cfg := Config{
		ListenAddr:    getenv("GATEWAY_LISTEN_ADDR", ":8080"),
		JWTIssuer:     os.Getenv("GATEWAY_JWT_ISSUER"),
		JWKSURL:       os.Getenv("GATEWAY_JWKS_URL"),
		RedisAddr:     getenv("GATEWAY_REDIS_ADDR", "redis:6379"),
		RatePerMinute: atoi("GATEWAY_RATE_PER_MINUTE", 600),
		Burst:         atoi("GATEWAY_BURST", 60),
		Routes: map[string]string{
			"billing":   "http://billing:8083",
			"inventory": "http://inventory:8084",
			"shipping":  "http://shipping:8085",
			"accounts":  "http://accounts:3000",
			"catalog":   "http://catalog:8000",
		},
	}
	if cfg.JWTIssuer == "" || cfg.JWKSURL == "" {
		return cfg, fmt.Errorf("GATEWAY_JWT_ISSUER and GATEWAY_JWKS_URL are required")
	}
	return cfg, nil
}

func getenv(key, fallback string) string {
	if value := os.Getenv(key); value != "" {
		return value
	}
	return fallback
}

func atoi(key string, fallback int) int {
	value, err := strconv.Atoi(os.Getenv(key))
	if err != nil || value <= 0 {
		return fallback
	}
	return value
}
