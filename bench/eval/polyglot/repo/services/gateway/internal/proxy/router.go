package proxy

import (
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
)

// Router sends /api/<service>/rest to the service's base URL as /api/rest.
type Router struct {
	backends map[string]*httputil.ReverseProxy
}

func NewRouter(routes map[string]string) *Router {
	backends := map[string]*httputil.ReverseProxy{}
	for name, base := range routes {
		target, err := url.Parse(base)
		if err != nil {
			panic("bad route for " + name + ": " + err.Error())
		}
		backends[name] = httputil.NewSingleHostReverseProxy(target)
	}
	return &Router{backends: backends}
}

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	parts := strings.SplitN(strings.TrimPrefix(req.URL.Path, "/api/"), "/", 2)
	backend, ok := r.backends[parts[0]]
	if !ok {
		http.Error(w, `{"error":"no_such_service"}`, http.StatusNotFound)
		return
	}
	rest := ""
	if len(parts) == 2 {
		rest = parts[1]
	}
	req.URL.Path = "/api/" + rest
	// Never forward the customer's token to internal services: they trust the gateway's header.
	req.Header.Set("X-Customer-Id", req.Header.Get("X-Customer-Id"))
	req.Header.Del("Authorization")
	backend.ServeHTTP(w, req)
}
