// Package setup prepares a database: the reference data of a new install,
// the first admin, and the demo (users for every role and a few hundred
// complaints in every state).
package setup

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/store"
)

// Reference loads the Depok seed data into an empty install; it reports
// whether anything was loaded.
func Reference(ctx context.Context, st *store.Store) (bool, error) {
	d, err := seed.Load()
	if err != nil {
		return false, err
	}
	ref := store.Reference{Kecamatan: d.Kecamatan, Kelurahan: d.Kelurahan, Agencies: d.Agencies, Holidays: d.Holidays}
	for _, c := range d.Categories {
		ref.Categories = append(ref.Categories, store.CategoryRef{Category: c.Category, AgencyCode: c.DefaultAgencyCode})
	}
	loaded, err := st.RefData().ImportReference(ctx, ref)
	if err != nil || !loaded {
		return loaded, err
	}
	return true, st.RefData().ImportCategoryTiers(ctx, d.Tiers)
}

// FirstAdmin creates the user "admin" with a one-time password when the
// database has no users at all; it returns the password, or "" when users
// already exist.
func FirstAdmin(ctx context.Context, st *store.Store) (string, error) {
	n, err := st.Users().CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	pw := RandomPassword()
	u := &aduan.User{Username: "admin", Name: "Administrator", Role: aduan.RoleAdmin, Lang: "id", Active: true, MustChangePW: true}
	if err := st.Users().CreateUser(ctx, aduan.System, u, pw); err != nil {
		return "", err
	}
	return pw, nil
}

// RandomPassword returns a password of 16 easy-to-read characters.
func RandomPassword() string {
	b := make([]byte, 10)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}
