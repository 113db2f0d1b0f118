package auth

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// jwksCache keeps the accounts service's signing keys for an hour, and refetches at once when a
// token names a key id we do not know (key rotation), at most once a minute.
type jwksCache struct {
	url       string
	mu        sync.RWMutex
	keys      map[string]*rsa.PublicKey
	fetchedAt time.Time
}

func newJWKSCache(url string) *jwksCache {
	return &jwksCache{url: url, keys: map[string]*rsa.PublicKey{}}
}

func (c *jwksCache) keyFunc(token *jwt.Token) (any, error) {
	kid, _ := token.Header["kid"].(string)
	c.mu.RLock()
	key, ok := c.keys[kid]
	stale := time.Since(c.fetchedAt) > time.Hour
	recent := time.Since(c.fetchedAt) < time.Minute
	c.mu.RUnlock()
	if ok && !stale {
		return key, nil
	}
	if !ok && recent {
		return nil, errors.New("unknown key id " + kid)
	}
	if err := c.refresh(); err != nil {
		return nil, err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if key, ok := c.keys[kid]; ok {
		return key, nil
	}
	return nil, errors.New("unknown key id " + kid)
}

func (c *jwksCache) refresh() error {
	response, err := http.Get(c.url)
	if err != nil {
		return err
	}
	defer response.Body.Close()
	var set struct {
		Keys []struct{ Kid, N, E string } `json:"keys"`
	}
	if err := json.NewDecoder(response.Body).Decode(&set); err != nil {
		return err
	}
	keys := map[string]*rsa.PublicKey{}
	for _, k := range set.Keys {
		n, _ := base64.RawURLEncoding.DecodeString(k.N)
		e, _ := base64.RawURLEncoding.DecodeString(k.E)
		keys[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	c.mu.Lock()
	c.keys, c.fetchedAt = keys, time.Now()
	c.mu.Unlock()
	return nil
}
