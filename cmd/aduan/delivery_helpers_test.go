package main

import (
	"context"
	"testing"

	"github.com/kotakita/aduan"
)

// onlyOperatorWhatsApp takes the agency's own WhatsApp number (the seed
// gives DPUPR its call center's) away, so that a forward's one WhatsApp goes
// to the operator the test made.
func onlyOperatorWhatsApp(t *testing.T, m *Main, code string) {
	t.Helper()
	a, err := m.Store.RefData().AgencyByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	a.WhatsApp = ""
	if err := m.Store.RefData().SaveAgency(context.Background(), aduan.System, a); err != nil {
		t.Fatal(err)
	}
}
