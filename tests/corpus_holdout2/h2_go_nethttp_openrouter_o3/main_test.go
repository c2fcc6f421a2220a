package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestAskSendsModel(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got chatRequest
		_ = json.NewDecoder(r.Body).Decode(&got)
		if got.Model != "openai/o3" {
			t.Errorf("model = %q", got.Model)
		}
		_, _ = w.Write([]byte(`{"model":"openai/o3-pro","choices":[]}`))
	}))
	defer srv.Close()
	if _, err := ask(srv.URL, "hi"); err != nil {
		t.Fatal(err)
	}
}
