package web

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// The reason given for a hidden caller is the one that hid them: the Kasi
// reads that their role does not show identities, on an anonymous
// complaint too; an agency's operator reads that the complaint is
// anonymous.
func TestIdentityHiddenSaysWhy(t *testing.T) {
	for _, tc := range []struct {
		role aduan.Role
		conf aduan.Confidentiality
		want string
	}{
		{aduan.RoleKasiKabid, aduan.Public, "tidak ditampilkan untuk peran Anda (Kasi"},
		{aduan.RoleKasiKabid, aduan.Anonymous, "tidak ditampilkan untuk peran Anda (Kasi"},
		{aduan.RoleOperatorPD, aduan.Anonymous, "pengaduan anonim"},
	} {
		p := &Page{Lang: i18n.ID, User: &aduan.User{ID: 1, Role: tc.role, AgencyID: 2}}
		got := p.IdentityHidden(&aduan.Complaint{Confidentiality: tc.conf, AgencyID: 2})
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s on a %s complaint reads %q, want %q", tc.role, tc.conf, got, tc.want)
		}
	}
}
