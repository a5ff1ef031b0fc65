package sms

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kotakita/aduan/internal/channel"
)

// TestHolds: bearerbox's admin pages decide whether Kannel still holds a
// message for the number (written however Kannel's prefixes write it); a
// Kannel without a store, or without the admin URL, cannot tell.
func TestHolds(t *testing.T) {
	size := "1"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("password") != "lihat" {
			http.Error(w, "Denied", http.StatusForbidden)
			return
		}
		switch r.URL.Path {
		case "/status.xml":
			w.Write([]byte(`<?xml version="1.0"?><gateway><sms><storesize>` + size + `</storesize></sms></gateway>`))
		case "/store-status.xml":
			w.Write([]byte(`<?xml version="1.0"?><gateway><message><id>x</id><type>MT-PUSH</type><receiver>081211113333</receiver>` +
				`<msg-data>Halo+dunia</msg-data></message></gateway>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	k, err := NewKannel(Config{URL: "http://127.0.0.1:1/cgi-bin/sendsms", AdminURL: srv.URL + "/", AdminPassword: "lihat"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if held, err := k.Holds(ctx, &channel.Message{To: "+6281211113333"}); err != nil || !held {
		t.Errorf("a message for the number in the store: held %v, %v", held, err)
	}
	if held, err := k.Holds(ctx, &channel.Message{To: "+6281299998888"}); err != nil || held {
		t.Errorf("none for the number: held %v, %v", held, err)
	}
	size = "-1"
	if _, err := k.Holds(ctx, &channel.Message{To: "+6281299998888"}); !errors.Is(err, channel.ErrCannotTell) {
		t.Errorf("no store: %v, want ErrCannotTell", err)
	}
	size = "0"
	bad, _ := NewKannel(Config{URL: "http://127.0.0.1:1/cgi-bin/sendsms", AdminURL: srv.URL, AdminPassword: "salah"})
	if _, err := bad.Holds(ctx, &channel.Message{To: "+6281299998888"}); err == nil || errors.Is(err, channel.ErrCannotTell) {
		t.Errorf("a wrong password: %v, want an error to try again", err)
	}
	none, _ := NewKannel(Config{URL: "http://127.0.0.1:1/cgi-bin/sendsms"})
	if _, err := none.Holds(ctx, &channel.Message{To: "+6281299998888"}); !errors.Is(err, channel.ErrCannotTell) {
		t.Errorf("no admin URL: %v, want ErrCannotTell", err)
	}
}
