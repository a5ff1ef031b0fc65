package web

import "github.com/kotakita/aduan"

// IdentityHidden says why the reader does not see who filed c, by the
// rule that hid it (aduan.Actor.CanSeeIdentity): an anonymous complaint
// hides the caller from agencies that could otherwise see callers; any
// other reader who sees no one is kept from identities by their role.
// Naming anonymity to a Kasi who never sees identities would give a wrong
// reason for an ordinary complaint, and the right one for neither.
func (p *Page) IdentityHidden(c *aduan.Complaint) string {
	if p.User == nil {
		return ""
	}
	a := p.User.Actor()
	if c.Confidentiality == aduan.Anonymous && a.Role.AgencyBound() && a.Can(aduan.PermCitizenRead) {
		return p.T("web.complaint.identity_hidden")
	}
	return p.T("console.identity_hidden_role", p.T("role."+string(a.Role)))
}
