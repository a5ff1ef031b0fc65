package aduan

// Role is one of the eight actors of the SOP that log in.
type Role string

// The roles, named as in the SOP's table of actors.
const (
	RoleOperatorCC    Role = "operator_cc"    // Operator Call Center
	RoleOperatorPD    Role = "operator_pd"    // Operator Perangkat Daerah (bound to one agency)
	RoleKoordinatorCC Role = "koordinator_cc" // Koordinator Call Center
	RoleKasiKabid     Role = "kasi_kabid"     // Kasi/Kabid Informasi Komunikasi Publik
	RolePimpinanPD    Role = "pimpinan_pd"    // Pimpinan Perangkat Daerah (bound to one agency)
	RolePPIDUtama     Role = "ppid_utama"     // PPID Utama
	RolePPIDPembantu  Role = "ppid_pembantu"  // PPID Pembantu (bound to one agency)
	RoleAdmin         Role = "admin"          // IT staff: users, settings; no personal data
)

// Roles lists every role in a stable order.
var Roles = []Role{RoleOperatorCC, RoleOperatorPD, RoleKoordinatorCC, RoleKasiKabid,
	RolePimpinanPD, RolePPIDUtama, RolePPIDPembantu, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// AgencyBound reports whether users of this role belong to one agency and see
// only that agency's complaints.
func (r Role) AgencyBound() bool {
	return r == RoleOperatorPD || r == RolePimpinanPD || r == RolePPIDPembantu
}

// CallCenter reports whether the role works in the call center itself.
func (r Role) CallCenter() bool {
	return r == RoleOperatorCC || r == RoleKoordinatorCC
}

// Perm is something a role may or may not do.
type Perm string

// Permissions checked at every endpoint. Workflow steps have their own role
// lists in the state machine (see Transitions).
const (
	PermComplaintCreate Perm = "complaint.create"
	PermComplaintRead   Perm = "complaint.read"
	PermComplaintEdit   Perm = "complaint.edit"
	PermCitizenRead     Perm = "citizen.read" // personal data: name, phone, address, e-mail
	PermCitizenEdit     Perm = "citizen.edit"
	PermAgencyEdit      Perm = "agency.edit"
	PermCategoryEdit    Perm = "category.edit"
	PermUserRead        Perm = "user.read"
	PermUserEdit        Perm = "user.edit"
	PermSettingsRead    Perm = "settings.read"
	PermSettingsEdit    Perm = "settings.edit"
	PermAuditRead       Perm = "audit.read"
	PermStatsRead       Perm = "stats.read"
	PermTokenAdmin      Perm = "token.admin"   // see and revoke everyone's API tokens
	PermCallPop         Perm = "call.pop"      // announce an incoming call (PBX/CTI)
	PermLibraryRead     Perm = "library.read"  // search the answer library and past answers
	PermLibraryEdit     Perm = "library.edit"  // write, review, import the answer library
	PermRoutingTrain    Perm = "routing.train" // retrain the routing suggestion on demand
	// Personal-data duties (UU 27/2022), see privacy.go.
	PermPrivacyRequest   Perm = "privacy.request"   // find, export, correct and erase a person's data on their request
	PermPrivacyBreach    Perm = "privacy.breach"    // the breach log
	PermPrivacyRetention Perm = "privacy.retention" // see what retention would anonymise, and run it now
	PermPrivacyRecord    Perm = "privacy.record"    // the processing record (catatan pemrosesan)
	PermStandardsEdit    Perm = "standards.edit"    // standards, tiers, calendars and holidays (Mutu Baku)
	PermMessageSwitch    Perm = "messages.switch"   // switch the receipts and the survey SMS on or off (MessageSettingKeys)
)

// perms is the role × permission matrix. Personal data goes only to the roles
// that must contact the citizen (UU 27/2022: data minimisation): the call
// center and the agency handling the complaint. The section head, the PPID
// and IT staff see complaints and figures but not who complained.
var perms = map[Perm][]Role{
	PermComplaintCreate: {RoleOperatorCC, RoleKoordinatorCC},
	PermComplaintRead:   {RoleOperatorCC, RoleKoordinatorCC, RoleKasiKabid, RoleOperatorPD, RolePimpinanPD, RolePPIDUtama, RolePPIDPembantu},
	PermComplaintEdit:   {RoleOperatorCC, RoleKoordinatorCC},
	PermCitizenRead:     {RoleOperatorCC, RoleKoordinatorCC, RoleOperatorPD, RolePimpinanPD},
	PermCitizenEdit:     {RoleOperatorCC, RoleKoordinatorCC},
	PermAgencyEdit:      {RoleAdmin},
	PermCategoryEdit:    {RoleAdmin, RoleKoordinatorCC},
	PermUserRead:        {RoleAdmin, RoleKoordinatorCC},
	PermUserEdit:        {RoleAdmin},
	PermSettingsRead:    {RoleAdmin, RoleKoordinatorCC, RoleKasiKabid},
	PermSettingsEdit:    {RoleAdmin},
	// The koordinator owns what the call center tells citizens: the
	// templates, and whether the receipts and the survey go at all.
	PermMessageSwitch: {RoleAdmin, RoleKoordinatorCC},
	PermAuditRead:     {RoleAdmin, RoleKoordinatorCC},
	PermStatsRead:     {RoleKoordinatorCC, RoleKasiKabid, RolePimpinanPD, RolePPIDUtama, RoleOperatorCC},
	PermTokenAdmin:    {RoleAdmin},
	PermCallPop:       {RoleOperatorCC, RoleKoordinatorCC, RoleAdmin},
	// The answer library is the call center's folder jawaban: operators use
	// it, the coordinator keeps it.
	PermLibraryRead:  {RoleOperatorCC, RoleKoordinatorCC},
	PermLibraryEdit:  {RoleKoordinatorCC},
	PermRoutingTrain: {RoleKoordinatorCC, RoleAdmin},
	// The koordinator answers for the call center's Mutu Baku and sets
	// its standards and calendars with the admin.
	PermStandardsEdit: {RoleKoordinatorCC, RoleAdmin},
	// A data subject's request is answered by the coordinator, who may see
	// personal data; incidents and retention are run by IT staff with the
	// coordinator; the processing record (no personal data in it) is also
	// for the PPID, who answers to the public for it.
	PermPrivacyRequest:   {RoleKoordinatorCC},
	PermPrivacyBreach:    {RoleAdmin, RoleKoordinatorCC},
	PermPrivacyRetention: {RoleAdmin, RoleKoordinatorCC},
	PermPrivacyRecord:    {RoleAdmin, RoleKoordinatorCC, RolePPIDUtama},
}

// RolesWith lists the roles that hold permission p, in the order of Roles.
func RolesWith(p Perm) []Role {
	var out []Role
	for _, r := range Roles {
		if r.Can(p) {
			out = append(out, r)
		}
	}
	return out
}

// Can reports whether role r holds permission p.
func (r Role) Can(p Perm) bool {
	for _, x := range perms[p] {
		if x == r {
			return true
		}
	}
	return false
}

// Actor is who performs an operation: a user, or the system itself (inbound
// messages, scheduled jobs), which has ID 0.
type Actor struct {
	// System marks the system itself. It is a field of its own, never
	// inferred from zero values, so that an actor left unset by mistake has
	// no rights rather than all of them.
	System   bool
	UserID   int64
	Name     string
	Role     Role
	AgencyID int64 // for agency-bound roles
}

// System is the actor for work the system does by itself.
var System = Actor{System: true, Name: "sistem"}

// IsSystem reports whether a is the system actor.
func (a Actor) IsSystem() bool { return a.System }

// Can reports whether the actor holds permission p. The system may do
// anything it is asked to by the code that runs it.
func (a Actor) Can(p Perm) bool { return a.IsSystem() || a.Role.Can(p) }

// Require returns EFORBIDDEN unless the actor holds p.
func (a Actor) Require(p Perm) error {
	if a.Can(p) {
		return nil
	}
	return Errorf(EFORBIDDEN, "err.forbidden")
}

// SeesAgency reports whether the actor may see complaints of the agency.
func (a Actor) SeesAgency(agencyID int64) bool {
	if !a.Role.AgencyBound() {
		return true
	}
	return agencyID != 0 && agencyID == a.AgencyID
}

// CanSeeComplaint reports whether the actor may open complaint c at all.
func (a Actor) CanSeeComplaint(c *Complaint) bool {
	if a.IsSystem() {
		return true
	}
	if !a.Can(PermComplaintRead) {
		return false
	}
	if a.Role.AgencyBound() {
		// An agency sees a complaint once it has been forwarded to it, and
		// keeps seeing it after answering; the agency field is only ever set
		// by forwarding.
		return a.SeesAgency(c.AgencyID)
	}
	return true
}

// CanSeeIdentity reports whether the actor may see who filed c.
func (a Actor) CanSeeIdentity(c *Complaint) bool {
	if a.IsSystem() {
		return true
	}
	if !a.Can(PermCitizenRead) || !a.CanSeeComplaint(c) {
		return false
	}
	if c.Confidentiality == Anonymous && a.Role.AgencyBound() {
		return false
	}
	return true
}

// SeesEveryIdentity reports whether the actor may see who filed every
// complaint they can open. Only then may they select complaints by who filed
// them: a list of one citizen's complaints shown to an agency would put that
// caller's anonymous complaints beside their named ones, and tell the agency
// who the anonymous caller is; to a role that sees no identity at all it
// would still tell which complaints one person made.
func (a Actor) SeesEveryIdentity() bool {
	return a.IsSystem() || a.Can(PermCitizenRead) && !a.Role.AgencyBound()
}

// CanSeeContent reports whether the actor may read the text and answers of c.
// A confidential (rahasia) complaint is for the call center and the agency
// handling it only.
func (a Actor) CanSeeContent(c *Complaint) bool {
	if !a.CanSeeComplaint(c) {
		return false
	}
	return c.Confidentiality != Confidential || a.SeesConfidentialContent()
}

// SeesConfidentialContent reports whether the actor may read the content of
// the confidential (rahasia) complaints they can open: the call center and
// the agency handling them. Others see that such a complaint exists, never
// what it says, and no search of theirs may match its words.
func (a Actor) SeesConfidentialContent() bool {
	return a.IsSystem() || a.Role.CallCenter() || a.Role.AgencyBound()
}
