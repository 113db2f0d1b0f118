package proxy

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestUnknownServiceIs404(t *testing.T) {
	router := NewRouter(map[string]string{"billing": "http://billing:8083"})
	recorder := httptest.NewRecorder()
	router.ServeHTTP(recorder, httptest.NewRequest("GET", "/api/payroll/runs", nil))
	if recorder.Code != http.StatusNotFound {
		t.Fatalf("status %d", recorder.Code)
	}
}
