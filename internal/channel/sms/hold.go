package sms

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/phone"
)

// Holds asks bearerbox whether it still holds a message for m's
// recipient: one it took and has not yet handed to an SMSC (the link is
// down, the queue is long). bearerbox keeps every such message in its store
// until the SMSC acknowledges it, and lists the store on its admin
// interface (store-status); our message ID is not listed (Kannel keeps
// the dlr-url to itself), so any message for the same number counts: a
// "yes" may be another message, never a "no" this one. Without a store
// (store-type), or without the admin URL, Kannel cannot tell:
// channel.ErrCannotTell.
//
// Together with the SMSC-level reports every send asks for (dlr-mask 31
// includes 8 and 16: the SMSC acknowledged, or refused), a "no" long after
// the send proves that Kannel never had the message: one it had would be
// in its store still or would have been acknowledged, and that report
// carries our message ID.
func (k *Kannel) Holds(ctx context.Context, m *channel.Message) (bool, error) {
	if k.cfg.AdminURL == "" {
		return false, channel.ErrCannotTell
	}
	var st struct {
		Size *int `xml:"sms>storesize"`
	}
	if err := k.admin(ctx, "status", &st); err != nil {
		return false, err
	}
	if st.Size == nil || *st.Size < 0 {
		return false, fmt.Errorf("kannel: bearerbox keeps no store: %w", channel.ErrCannotTell)
	}
	var held struct {
		Messages []struct {
			Receiver string `xml:"receiver"`
		} `xml:"message"`
	}
	if err := k.admin(ctx, "store-status", &held); err != nil {
		return false, err
	}
	to, err := phone.Normalize(m.To)
	if err != nil {
		return false, fmt.Errorf("kannel: recipient: %w", err)
	}
	want := tail(phone.MSISDN(to))
	for _, h := range held.Messages {
		if tail(h.Receiver) == want {
			return true, nil
		}
	}
	return false, nil
}

// tail is the last nine digits of a number: the subscriber's part, the
// same whichever prefix (62, 0, +62) Kannel's unified-prefix wrote, so
// that a number written another way still counts as held.
func tail(number string) string {
	var b []byte
	for i := 0; i < len(number); i++ {
		if c := number[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b[max(0, len(b)-9):])
}

// admin reads one page of bearerbox's admin interface, in its XML form,
// into v.
func (k *Kannel) admin(ctx context.Context, page string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, k.cfg.AdminURL+"/"+page+".xml?password="+url.QueryEscape(k.cfg.AdminPassword), nil)
	if err != nil {
		return fmt.Errorf("kannel admin %s: %w", page, err)
	}
	res, err := k.cfg.Client.Do(req)
	if err != nil {
		return fmt.Errorf("kannel admin %s: %w", page, redactErr(err))
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil {
		return fmt.Errorf("kannel admin %s: %w", page, err)
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("kannel admin %s: %d %s", page, res.StatusCode, strings.TrimSpace(string(body[:min(len(body), 200)])))
	}
	if err := xml.Unmarshal(body, v); err != nil {
		return fmt.Errorf("kannel admin %s: %w", page, err)
	}
	return nil
}
