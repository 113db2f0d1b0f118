package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/tidewater/gateway/internal/ratelimit"
)

// Verifier checks customer access tokens (RS256, issued by the accounts service).
type Verifier struct {
	issuer string
	keys   *jwksCache
}

func NewVerifier(issuer, jwksURL string) *Verifier {
	return &Verifier{issuer: issuer, keys: newJWKSCache(jwksURL)}
}

type Claims struct {
	jwt.RegisteredClaims
	Scope string `json:"scope"`
}

func (v *Verifier) Verify(raw string) (*Claims, error) {
	claims := &Claims{}
	token, err := jwt.ParseWithClaims(raw, claims, v.keys.keyFunc,
		jwt.WithIssuer(v.issuer),
		jwt.WithValidMethods([]string{"RS256"}),
		// Clocks of phones drift; 30 s of leeway avoids rejecting tokens minted "in the future".
		jwt.WithLeeway(30_000_000_000),
	)
	if err != nil {
		return nil, fmt.Errorf("invalid token: %w", err)
	}
	if !token.Valid {
		return nil, errors.New("invalid token")
	}
	return claims, nil
}

// Middleware lets anonymous requests through to public routes only (catalog reads); every other
// route needs a valid bearer token.
func Middleware(v *Verifier, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := r.Header.Get("Authorization")
		if header == "" {
			if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/api/catalog/") {
				next.ServeHTTP(w, r)
				return
			}
			http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
			return
		}
		claims, err := v.Verify(strings.TrimPrefix(header, "Bearer "))
		if err != nil {
			http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(ratelimit.WithCustomer(r.Context(), claims.Subject)))
	})
}
