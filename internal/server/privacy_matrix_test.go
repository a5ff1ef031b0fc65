package server_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
	"github.com/kotakita/aduan/internal/web"
)

// page fetches a console page (or a file the console serves) as role,
// with a session of its own, and returns the status and the body.
func (e *env) page(t *testing.T, r aduan.Role, path string) (int, string) {
	t.Helper()
	return e.sendAs(t, r, "GET", path, "", nil)
}

// TestOverlongSearchText: every surface that takes a search text answers
// one longer than aduan.MaxQueryLen with 400 and says why, in the user's
// language; a long one was a 500 on SQLite ("LIKE or GLOB pattern too
// complex").
func TestOverlongSearchText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		e.newComplaint(t, nextPhone(), nil)
		q := url.QueryEscape(strings.Repeat("jalan rusak ", 5000))
		for _, path := range []string{"/api/v1/complaints?q=" + q, "/api/v1/exports/complaints/csv?q=" + q, "/api/v1/exports/complaints/xlsx?q=" + q} {
			res := e.as(OP).Do("GET", path, nil)
			if res.Status != 400 || !strings.Contains(res.ErrorMessage(), "Teks pencarian terlalu panjang (maksimum 200 karakter)") || res.FieldErrors()["q"] == "" {
				t.Errorf("%s: %d %s", path[:30], res.Status, res.Raw)
			}
		}
		for _, path := range []string{"/queue?q=" + q, "/queue/export/csv?q=" + q} {
			status, body := e.page(t, OP, path)
			if status != 400 || !strings.Contains(body, "Teks pencarian terlalu panjang (maksimum 200 karakter)") {
				t.Errorf("%s: %d", path[:20], status)
			}
		}
		// Within the limit the search runs.
		e.as(OP).Do("GET", "/api/v1/complaints?q="+url.QueryEscape(strings.Repeat("%_", 100)), nil).Must(t, 200)
	})
}

// secretComplaint records a rahasia complaint from phone, forwarded to
// DPUPR and answered by the agency, with an SMS to the caller on it (as
// the identity request or the relay would send), and returns it.
func (e *env) secretComplaint(t *testing.T, ph, text string) map[string]any {
	t.Helper()
	c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{
		"text": text, "kelurahan_code": "32.76.01.1007", "confidentiality": "rahasia",
		"citizen": map[string]any{"name": "Sekar Pertiwi", "phone": ph, "address": "Jl. Anggrek 12", "email": "sekar.pertiwi@contoh.id"},
	}).Must(t, 201)
	id := apitest.Num(c, "id")
	c = apitest.Obj(e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/forward", id),
		map[string]any{"version": apitest.Num(c, "version"), "agency_id": e.dpupr.ID, "category_id": e.categoryID(t, "PUNGLI_ASN")}).Must(t, 200), "complaint")
	to, err := phone.Normalize(ph)
	if err != nil {
		t.Fatal(err)
	}
	m := &channel.Message{ComplaintID: id, Channel: channel.SMS, Direction: channel.Out, To: to, Body: "Yth. Sekar Pertiwi, pengaduan Anda kami terima.",
		Status: channel.StatusFailed, Error: "msg.no_phone", Purpose: channel.PurposeRelay}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Messages().InsertMessage(ctx, tx, m); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

// secretDigits is the tracking secret of secretComplaint's caller standing
// on its own: not inside a longer number or a decimal fraction.
var secretDigits = regexp.MustCompile(`(^|[^0-9.])7391([^0-9]|$)`)

// TestTrackingSecretNeverShown: the last four digits of the phone a
// complaint was filed from are its public tracking secret (/lacak shows the
// answer for the number and those digits). kasi, the PPID and IT staff, who
// may not read a rahasia complaint, must find them nowhere: not in the
// complaint's messages (masked parties showed them), the messages lists,
// the audit log (the citizen's record held the whole number) or the
// complaint page. The call center and the agency still see the number.
func TestTrackingSecretNeverShown(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.secretComplaint(t, "0812-5555-7391", "Dugaan pungli oleh petugas parkir di Pasar Kemiri.")
	id := apitest.Num(c, "id")
	paths := []string{fmt.Sprintf("/api/v1/complaints/%d", id), fmt.Sprintf("/api/v1/complaints/%d/messages", id),
		"/api/v1/messages?status=failed", "/api/v1/audit?limit=500", fmt.Sprintf("/api/v1/complaints/%d/events", id)}
	pages := []string{fmt.Sprintf("/complaints/%d", id), "/messages", "/audit", "/queue?status=all"}
	// The digits shown as a secret stand apart (a masked "****7391", a
	// "7391" in a field), or inside the whole number; inside a longer run of
	// digits they are a time's fraction or an ID that happens to hold them
	// (the fresh-clone run found "7391" in an audit record's timestamp).
	shown := func(body string) bool {
		return secretDigits.MatchString(body) || strings.Contains(body, "55557391") || strings.Contains(body, "5555-7391")
	}
	for _, r := range []aduan.Role{KA, PU, AD} {
		for _, p := range paths {
			if res := e.as(r).Do("GET", p, nil); shown(string(res.Raw)) {
				t.Errorf("%s reads the tracking digits at %s", r, p)
			}
		}
		for _, p := range pages {
			if _, body := e.page(t, r, p); shown(body) {
				t.Errorf("%s reads the tracking digits on %s", r, p)
			}
		}
	}
	for _, r := range []aduan.Role{OP, KO, PD} {
		if res := e.as(r).Do("GET", fmt.Sprintf("/api/v1/complaints/%d/messages", id), nil); !strings.Contains(string(res.Raw), "+6281255557391") {
			t.Errorf("%s does not see the caller's number: %s", r, res.Raw)
		}
	}
	// The coordinator's audit log keeps the citizen's record whole.
	if res := e.as(KO).Do("GET", "/api/v1/audit?entity=citizen", nil); !strings.Contains(string(res.Raw), "7391") {
		t.Errorf("the coordinator's audit log lost the citizen's record")
	}
}

// The role × surface matrix of who reaches which fields of a complaint
// (issue 12's Done-when). Three complaints, one of each confidentiality,
// each from its own caller, all forwarded to DPUPR (the agency of the
// agency-bound users), answered by it and relayed to the caller. Each field
// has a marker found nowhere else: the caller's name, number (the tracking
// secret is its last four digits), e-mail and address; the complaint's
// words and the answers. For each of the eight roles and each surface the
// test asserts what must be there and what must not.

// kind is a complaint's confidentiality in the matrix.
type kind = aduan.Confidentiality

const (
	biasa   = aduan.Public
	anonim  = aduan.Anonymous
	rahasia = aduan.Confidential
)

var kinds = []kind{biasa, anonim, rahasia}

// markers are one complaint's fields as the matrix looks for them.
type markers struct {
	name, phone, last4, email, address string // identity: last4 is the tracking secret
	word, answer                       string // content: in the text, in the answers
}

var marks = map[kind]markers{
	biasa:   {"Wulan Ordinaria", "0812-4444-1001", "1001", "wulan.ordinaria@contoh.id", "Jl. Bougenville 11", "lampukuning", "balasanbiasa"},
	anonim:  {"Gilang Anonimus", "0812-4444-2002", "2002", "gilang.anonimus@contoh.id", "Jl. Cempaka 22", "trotoarretak", "balasananonim"},
	rahasia: {"Sekar Rahasiawati", "0812-4444-3003", "3003", "sekar.rahasiawati@contoh.id", "Jl. Dahlia 33", "punglipasar", "balasanrahasia"},
}

// identityIn finds a caller's identity in a body: any part of the name,
// the e-mail address or the address, or the number in any form it is shown
// (+62812…, 0812-…, a mask ending in its last digits).
func (m markers) identityIn(body string) []string {
	var found []string
	for _, s := range append(strings.Fields(m.name), strings.Split(m.email, "@")[0], strings.TrimPrefix(m.address, "Jl. ")) {
		if len(s) > 3 && strings.Contains(strings.ToLower(body), strings.ToLower(s)) {
			found = append(found, s)
		}
	}
	if regexp.MustCompile(`4444[-. ]?` + m.last4 + `|…\s*` + m.last4).MatchString(body) {
		found = append(found, "the number's last digits")
	}
	return found
}

// contentIn finds what a complaint says in a body.
func (m markers) contentIn(body string) []string {
	var found []string
	for _, s := range []string{m.word, m.answer} {
		if strings.Contains(body, s) {
			found = append(found, s)
		}
	}
	return found
}

// The expectations, written out rather than computed from the domain's
// rules, so that a change of those rules fails here. The call center sees
// every caller; the agency handling the complaint (its operator and head)
// sees them but for anonymous ones; the rest see none. Everyone who reads
// complaints reads ordinary and anonymous ones; a rahasia complaint's
// content is for the call center and the agency (its PPID included).
func seesIdentity(r aduan.Role, k kind) bool {
	switch r {
	case OP, KO:
		return true
	case PD, PI:
		return k != anonim
	}
	return false
}

func readsComplaints(r aduan.Role) bool { return r != AD }

func seesContent(r aduan.Role, k kind) bool {
	switch r {
	case AD:
		return false
	case KA, PU:
		return k != rahasia
	}
	return true
}

// privacyEnv is a server with Open311 (FixMyStreet's updates on), the
// public pages, live updates, a user per role and the three complaints.
type privacyEnv struct {
	*env
	hub  *live.Hub
	key  string // an Open311 client's key
	cs   map[kind]map[string]any
	ids  map[kind]int64
	czID map[kind]int64
}

func newPrivacyEnv(t *testing.T, d store.Dialect) *privacyEnv {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	msg := testMessaging(t, st)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hub, _ := live.NewHub(nil)
	srv := server.New(server.Config{Store: st, Log: log, Messaging: msg, Console: &web.Config{Hub: hub},
		Open311: &open311.Handler{Stores: open311.StoresOf(st), Log: log, FixMyStreet: true}})
	st.AfterCommit(srv.Console().PublishChange)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &env{st: st, srv: srv, url: ts.URL, c: apitest.New(t, ts.URL), tokens: map[aduan.Role]string{}, users: map[aduan.Role]*aduan.User{}, msg: msg}
	e.dpupr, _ = st.RefData().AgencyByCode(ctx, "DPUPR")
	e.dishub, _ = st.RefData().AgencyByCode(ctx, "DISHUB")
	for _, r := range aduan.Roles {
		u := &aduan.User{Username: strings.ReplaceAll(string(r), "_", "."), Name: "User " + string(r), Role: r, Active: true}
		if r.AgencyBound() {
			u.AgencyID = e.dpupr.ID
		}
		if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := st.Users().CreateToken(ctx, aduan.System, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[r], e.users[r] = tok, u
	}
	key, _, err := st.Open311().CreateOpen311Key(ctx, aduan.System, "FixMyStreet Depok", 0)
	if err != nil {
		t.Fatal(err)
	}
	p := &privacyEnv{env: e, hub: hub, key: key, cs: map[kind]map[string]any{}, ids: map[kind]int64{}, czID: map[kind]int64{}}
	var public int64
	cats, _ := st.RefData().Categories(ctx)
	for _, c := range cats {
		if c.Public && c.Active && public == 0 {
			public = c.ID
		}
	}
	for _, k := range kinds {
		m := marks[k]
		c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{
			"text": "Laporan " + m.word + " di depan pasar, mohon segera ditangani.", "address": "Jl. Flamboyan 5", "kelurahan_code": "32.76.01.1007",
			"category_id": public, "confidentiality": string(k),
			"citizen": map[string]any{"name": m.name, "phone": m.phone, "email": m.email, "address": m.address},
		}).Must(t, 201)
		id := apitest.Num(c, "id")
		step := func(r aduan.Role, act string, body map[string]any) {
			body["version"] = apitest.Num(c, "version")
			c = apitest.Obj(e.as(r).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/%s", id, act), body).Must(t, 200), "complaint")
		}
		step(OP, "forward", map[string]any{"agency_id": e.dpupr.ID})
		step(PD, "acknowledge", map[string]any{})
		step(PD, "agency_answer", map[string]any{"answer": "Sudah diperiksa petugas: " + m.answer + "."})
		step(OP, "receive_answer", map[string]any{})
		step(OP, "relay", map[string]any{"answer": "Yth. pelapor, " + m.answer + ", terima kasih."})
		to, _ := phone.Normalize(m.phone)
		sms := &channel.Message{ComplaintID: id, Channel: channel.SMS, Direction: channel.Out, To: to, Body: "Yth. " + m.name + ", " + m.answer,
			Status: channel.StatusSent, Via: "outbox", Purpose: channel.PurposeRelay}
		if err := st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := st.Messages().InsertMessage(ctx, tx, sms); return err }); err != nil {
			t.Fatal(err)
		}
		p.cs[k], p.ids[k], p.czID[k] = c, id, apitest.Num(apitest.Obj(c, "citizen"), "id")
	}
	// An ordinary complaint whose answer names its caller, as operators
	// write them ("Yth. Ibu …"), for the public surfaces: published, but
	// never with who filed it, in whatever form the number is written.
	m := published
	c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{
		"text": "Laporan " + m.word + ", hubungi saya di +62 812 4444 4004.", "kelurahan_code": "32.76.01.1007", "category_id": public,
		"citizen": map[string]any{"name": m.name, "phone": m.phone, "email": m.email, "address": m.address},
	}).Must(t, 201)
	e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", apitest.Num(c, "id")), map[string]any{"version": apitest.Num(c, "version"),
		"answer": "Yth. Ibu Rini Publikasari di Jl. Kamboja 44 (" + m.email + "; +62-812-4444-4004, 62-812-4444-4004, +62 (812) 4444-4004, 0812.4444.4004): " + m.answer + "."}).Must(t, 200)
	return p
}

// published is the caller of the complaint answered with their details in
// the answer (see newPrivacyEnv).
var published = markers{"Rini Publikasari", "0812-4444-4004", "4004", "rini.publikasari@contoh.id", "Jl. Kamboja 44", "jalanamblas", "balasanpublik"}

// reads counts the audited reads of the rahasia complaint by role.
func (p *privacyEnv) reads(t *testing.T, r aduan.Role) int {
	t.Helper()
	list, err := p.st.Audit(ctx, aduan.System, aduan.AuditFilter{Action: "complaint.read_confidential", ActorID: p.users[r].ID,
		EntityID: strconv.FormatInt(p.ids[rahasia], 10), Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// xlsxText is the text of every part of a workbook.
func xlsxText(t *testing.T, raw []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return string(raw) // not a workbook: an error body
	}
	var b strings.Builder
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		b.Write(x)
	}
	return html.UnescapeString(b.String())
}

// matrixSurface is one way to reach complaints. fetch returns the status
// and what a reader gets; for a surface of one complaint it is called for
// each, else once with k empty.
type matrixSurface struct {
	name string
	one  bool // of one complaint
	// opens: the role may use it (200), else it is refused or sent away.
	opens func(r aduan.Role, k kind) bool
	// lists: the complaint is among what the role gets (by its number).
	lists func(r aduan.Role, k kind) bool
	// finds: a list or a search, which must not find a complaint it
	// does not list (which rows match tells what they say).
	finds bool
	// identity, content: the surface shows these to whom may see them
	// (must-contain); to others it must never show them (must-not).
	identity, content bool
	// public: a page for everyone, no log-in: no identity ever, the
	// content of ordinary complaints only (redacted).
	public bool
	// once: the same for every role (a public page with a rate limit):
	// fetched once. owner: the citizen with the tracking secret, who reads
	// their complaint's content, never anyone's identity.
	once, owner bool
	// audited: a read of the rahasia complaint's content here is one
	// audit row (exactly), and none for those who may not read it.
	audited bool
	// reads: the roles whose use of it reads the rahasia complaint's
	// content although it does not list the complaint (a list of
	// messages); nil: those who may read it, where it is listed.
	reads func(r aduan.Role) bool
	fetch func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string)
}

func (p *privacyEnv) api(t *testing.T, r aduan.Role, path string) (int, string) {
	t.Helper()
	res := p.as(r).Do("GET", path, nil)
	return res.Status, string(res.Raw)
}

func matrixSurfaces() []matrixSurface {
	reader := func(r aduan.Role, _ kind) bool { return readsComplaints(r) }
	never := func(aduan.Role, kind) bool { return false }
	all := func(aduan.Role, kind) bool { return true }
	id := func(p *privacyEnv, k kind) int64 { return p.ids[k] }
	return []matrixSurface{
		{name: "API get", one: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.api(t, r, fmt.Sprintf("/api/v1/complaints/%d", id(p, k)))
			}},
		{name: "API events", one: true, opens: reader, lists: never, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.api(t, r, fmt.Sprintf("/api/v1/complaints/%d/events", id(p, k)))
			}},
		{name: "API messages", one: true, opens: reader, lists: never, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.api(t, r, fmt.Sprintf("/api/v1/complaints/%d/messages", id(p, k)))
			}},
		{name: "API list", finds: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/api/v1/complaints?limit=100")
			}},
		{name: "API search ?q=", finds: true, one: true, opens: reader, lists: func(r aduan.Role, k kind) bool { return seesContent(r, k) }, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.api(t, r, "/api/v1/complaints?q="+marks[k].word)
			}},
		{name: "API ?citizen_id=", finds: true, one: true, opens: func(r aduan.Role, _ kind) bool { return r == OP || r == KO },
			lists: func(r aduan.Role, _ kind) bool { return r == OP || r == KO }, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.api(t, r, fmt.Sprintf("/api/v1/complaints?citizen_id=%d", p.czID[k]))
			}},
		{name: "API export CSV", finds: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/api/v1/exports/complaints/csv")
			}},
		{name: "API export XLSX", finds: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				res := p.as(r).Do("GET", "/api/v1/exports/complaints/xlsx", nil)
				return res.Status, xlsxText(t, res.Raw)
			}},
		{name: "API messages list", opens: func(r aduan.Role, _ kind) bool { return r == AD || r == KO || r == OP }, lists: never,
			audited: true, reads: func(r aduan.Role) bool { return r == KO || r == OP },
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/api/v1/messages")
			}},
		{name: "API audit log", opens: func(r aduan.Role, _ kind) bool { return r == AD || r == KO }, lists: never,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/api/v1/audit?limit=500")
			}},
		{name: "console complaint page", one: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.page(t, r, fmt.Sprintf("/complaints/%d", id(p, k)))
			}},
		{name: "console queue", finds: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.page(t, r, "/queue?status=all")
			}},
		{name: "console queue search", finds: true, one: true, opens: reader, lists: func(r aduan.Role, k kind) bool { return seesContent(r, k) }, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				status, body := p.page(t, r, "/queue?status=all&q="+marks[k].word)
				// The page repeats what was searched for (the field, its
				// links): that is not the complaint's content.
				return status, regexp.MustCompile(`(value="|q=)`+marks[k].word).ReplaceAllString(body, "")
			}},
		{name: "console inbox", finds: true, opens: func(r aduan.Role, _ kind) bool { return r.AgencyBound() }, lists: func(r aduan.Role, _ kind) bool { return r.AgencyBound() },
			content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.page(t, r, "/pd")
			}},
		{name: "console queue export", finds: true, opens: reader, lists: reader, identity: true, content: true, audited: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.page(t, r, "/queue/export/csv?status=all")
			}},
		{name: "console messages", opens: func(r aduan.Role, _ kind) bool { return r == AD || r == KO || r == OP }, lists: never,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.page(t, r, "/messages")
			}},
		{name: "console audit", opens: func(r aduan.Role, _ kind) bool { return r == AD || r == KO }, lists: never,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.page(t, r, "/audit")
			}},
		{name: "console dashboard", opens: func(r aduan.Role, _ kind) bool { return r == OP || r == KO || r == KA || r == PI || r == PU }, lists: never,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.page(t, r, "/dashboard")
			}},
		// Public surfaces: the same for every role (no log-in). Only the
		// ordinary complaint is published, its texts redacted.
		{name: "Open311 requests", public: true, finds: true, opens: all, lists: func(_ aduan.Role, k kind) bool { return k == biasa },
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/open311/v2/requests.json?extensions=true")
			}},
		{name: "Open311 request", public: true, finds: true, one: true, opens: func(_ aduan.Role, k kind) bool { return k == biasa }, lists: func(_ aduan.Role, k kind) bool { return k == biasa },
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.api(t, r, "/open311/v2/requests/"+apitest.Str(p.cs[k], "number")+".xml?extensions=true")
			}},
		{name: "Open311 servicerequestupdates", public: true, finds: true, opens: all, lists: func(_ aduan.Role, k kind) bool { return k == biasa },
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/open311/v2/servicerequestupdates.json?api_key="+p.key)
			}},
		// The live updates: every change of a complaint the role may see
		// comes as an event naming it, with nothing of who or what.
		{name: "SSE /events", opens: all, lists: func(r aduan.Role, _ kind) bool { return readsComplaints(r) }, finds: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) { return p.stream(t, r) }},
		// The citizen who knows the tracking secret reads their own
		// complaint, whatever its confidentiality, without their identity;
		// wrong digits find nothing.
		{name: "/lacak", one: true, once: true, owner: true, opens: all, lists: all, content: true,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) {
				return p.track(t, k, marks[k].last4)
			}},
		{name: "/lacak wrong digits", one: true, once: true, public: true, finds: true, opens: never, lists: never,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, k kind) (int, string) { return p.track(t, k, "0000") }},
		{name: "/angka", public: true, opens: all, lists: never,
			fetch: func(t *testing.T, p *privacyEnv, r aduan.Role, _ kind) (int, string) {
				return p.api(t, r, "/angka")
			}},
	}
}

// TestPrivacyMatrix: for each role, each surface and each complaint, what
// the role must reach (the number of a complaint it may list, identity and
// content where the surface shows them to those entitled) and what it must
// never reach (identity it may not see, the tracking secret with it, content
// it may not read, complaints it may not find), and that each read of the
// rahasia complaint's content is one audit row.
func TestPrivacyMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		p := newPrivacyEnv(t, d)
		for _, s := range matrixSurfaces() {
			for i, r := range all {
				if s.once && i > 0 {
					break
				}
				ks := []kind{""}
				if s.one {
					ks = kinds
				}
				for _, k := range ks {
					before := p.reads(t, r)
					status, body := s.fetch(t, p, r, k)
					label := s.name + " as " + string(r)
					if k != "" {
						label += " (" + string(k) + ")"
					}
					opens := s.opens(r, k)
					if opens && status != 200 {
						t.Errorf("%s: %d, want 200", label, status)
						continue
					}
					if !opens {
						if status == 200 {
							t.Errorf("%s: 200, want it refused", label)
						}
					}
					// Which complaints the body is about.
					about := kinds
					if k != "" {
						about = []kind{k}
					}
					for _, x := range about {
						m := marks[x]
						number := apitest.Str(p.cs[x], "number")
						listed := opens && s.lists(r, x)
						if listed && !strings.Contains(body, number) {
							t.Errorf("%s: %s complaint %s not there", label, x, number)
						}
						if s.finds && !listed && strings.Contains(body, number) {
							t.Errorf("%s: %s complaint %s found", label, x, number)
						}
						identity, content := opens && seesIdentity(r, x), opens && seesContent(r, x)
						if s.public {
							identity, content = false, x == biasa
						}
						if s.owner {
							identity, content = false, true
						}
						if got := m.identityIn(body); len(got) > 0 && !identity {
							t.Errorf("%s: the %s caller's identity is reachable: %v", label, x, got)
						}
						if got := m.contentIn(body); len(got) > 0 && !content {
							t.Errorf("%s: the %s complaint's content is reachable: %v", label, x, got)
						}
						if listed && s.identity && identity && len(m.identityIn(body)) == 0 {
							t.Errorf("%s: the %s caller's identity is missing", label, x)
						}
						if listed && s.content && content && len(m.contentIn(body)) == 0 {
							t.Errorf("%s: the %s complaint's content is missing", label, x)
						}
					}
					if s.public && opens && k == "" {
						if got := published.identityIn(body); len(got) > 0 {
							t.Errorf("%s: the caller named in an answer is published: %v", label, got)
						}
						if s.finds && !strings.Contains(body, published.answer) {
							t.Errorf("%s: the answer naming its caller is not published", label)
						}
					}
					if s.audited {
						got := p.reads(t, r) - before
						want := 0
						if opens && s.lists(r, rahasia) && seesContent(r, rahasia) && (k == "" || k == rahasia) {
							want = 1
						}
						if s.reads != nil && opens && s.reads(r) {
							want = 1
						}
						if s.one && !s.finds && k == rahasia && opens {
							want = 1 // opening it is audited, content or not
						}
						if got != want {
							t.Errorf("%s: %d audited reads of the rahasia complaint, want %d", label, got, want)
						}
					}
				}
			}
		}
	})
}

// track asks the public tracking page for complaint k with the digits.
func (p *privacyEnv) track(t *testing.T, k kind, digits string) (int, string) {
	t.Helper()
	res, err := http.PostForm(p.url+"/lacak", url.Values{"nomor": {apitest.Str(p.cs[k], "number")}, "hp4": {digits}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	// The form keeps the number typed: that finds nothing.
	return res.StatusCode, strings.Replace(string(body), `value="`+apitest.Str(p.cs[k], "number")+`"`, "", 1)
}

// stream opens the live updates as role r, changes each complaint once
// (as the operator) and returns what the stream carried: until the three
// changes came, or for a role that gets none, what came meanwhile.
func (p *privacyEnv) stream(t *testing.T, r aduan.Role) (int, string) {
	t.Helper()
	tok, err := p.st.Users().CreateSession(ctx, p.users[r].ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, _ := http.NewRequestWithContext(cctx, "GET", p.url+"/events", nil)
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var b strings.Builder
	for l := range lines {
		b.WriteString(l + "\n")
		if strings.HasPrefix(l, ": connected") {
			break
		}
	}
	for _, k := range kinds {
		c, err := p.st.Complaints().Complaint(ctx, aduan.System, p.ids[k])
		if err != nil {
			t.Fatal(err)
		}
		prio := "tinggi"
		if c.Priority == aduan.PriorityHigh {
			prio = "sedang"
		}
		p.as(OP).Do("PATCH", fmt.Sprintf("/api/v1/complaints/%d", c.ID), map[string]any{"version": c.Version, "priority": prio}).Must(t, 200)
	}
	// A role that gets no complaint events is given a moment: what it
	// must not get would come at once.
	wait := 10 * time.Second
	if !readsComplaints(r) {
		wait = 300 * time.Millisecond
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	events := 0
	for events < len(kinds) {
		select {
		case l, ok := <-lines:
			if !ok {
				return res.StatusCode, b.String()
			}
			b.WriteString(l + "\n")
			if strings.HasPrefix(l, "data: ") && strings.Contains(l, `"kind":"complaint"`) {
				events++
			}
		case <-timer.C:
			return res.StatusCode, b.String()
		}
	}
	return res.StatusCode, b.String()
}

// TestConfidentialPhotoReads: a rahasia complaint's photo is its content:
// fetching it is an audited read (it was not), except as part of a page
// view whose read was audited (the complaint page names its view on its
// photos' links, as on its messages' refreshes); those who may not read the
// content get no photo and leave no row.
func TestConfidentialPhotoReads(t *testing.T) {
	p := newPrivacyEnv(t, store.SQLite)
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4)))
	if err := p.msg.Files.Put(ctx, "answers/x.png", "image/png", buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	a := &attach.Attachment{ComplaintID: p.ids[rahasia], ContentType: "image/png", Size: int64(buf.Len()), Key: "answers/x.png", ThumbKey: "answers/x.png"}
	if err := p.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := p.st.Attachments().InsertAttachment(ctx, tx, a); return err }); err != nil {
		t.Fatal(err)
	}
	photo := fmt.Sprintf("/api/v1/attachments/%d", a.ID)
	for _, r := range []aduan.Role{OP, PD, PP} {
		before := p.reads(t, r)
		p.as(r).Do("GET", photo, nil).Must(t, 200)
		if got := p.reads(t, r) - before; got != 1 {
			t.Errorf("%s fetched the photo: %d audit rows, want 1", r, got)
		}
	}
	for _, r := range []aduan.Role{KA, PU} {
		before := p.reads(t, r)
		if res := p.as(r).Do("GET", photo, nil); res.Status != 404 {
			t.Errorf("%s fetched the photo: %d", r, res.Status)
		}
		if got := p.reads(t, r) - before; got != 0 {
			t.Errorf("%s: %d audit rows for no photo", r, got)
		}
	}
	// The page view's photos: one read, the page's.
	before := p.reads(t, OP)
	if status, _ := p.page(t, OP, fmt.Sprintf("/complaints/%d", p.ids[rahasia])); status != 200 {
		t.Fatal(status)
	}
	rows, _ := p.st.Audit(ctx, aduan.System, aduan.AuditFilter{Action: "complaint.read_confidential", ActorID: p.users[OP].ID, Limit: 1})
	view := rows[0].RequestID
	for _, u := range []string{"/photos/%d?view=", "/photos/%d?thumb=1&view="} {
		if status, _ := p.page(t, OP, fmt.Sprintf(u, a.ID)+url.QueryEscape(view)); status != 200 {
			t.Errorf("%s: %d", u, status)
		}
	}
	if got := p.reads(t, OP) - before; got != 1 {
		t.Errorf("a page view and its photos: %d audit rows, want 1", got)
	}
}

// TestLiveRefreshIsOneRead: the queue's and the agency inbox's rows are
// fetched again on every live update; a refresh of one page view (which
// names the view) is not a new read of the rahasia complaints it shows,
// while opening the page again is.
func TestLiveRefreshIsOneRead(t *testing.T) {
	p := newPrivacyEnv(t, store.SQLite)
	for _, c := range []struct {
		role aduan.Role
		page string
		id   string
	}{{OP, "/queue?status=all", "queue-rows"}, {PD, "/pd", "inbox-list"}} {
		before := p.reads(t, c.role)
		status, body := p.page(t, c.role, c.page)
		m := regexp.MustCompile(`id="` + c.id + `" hx-get="([^"]+)"`).FindStringSubmatch(body)
		if status != 200 || m == nil {
			t.Fatalf("%s: %d, no live refresh", c.page, status)
		}
		refresh := html.UnescapeString(m[1])
		if !strings.Contains(refresh, "view=") {
			t.Errorf("%s: the refresh %s names no view", c.page, refresh)
		}
		for i := 0; i < 3; i++ {
			if status, body := p.page(t, c.role, refresh); status != 200 || !strings.Contains(body, marks[rahasia].word) {
				t.Fatalf("%s: %d", refresh, status)
			}
		}
		if got := p.reads(t, c.role) - before; got != 1 {
			t.Errorf("%s and three refreshes: %d reads, want 1", c.page, got)
		}
		p.page(t, c.role, c.page)
		if got := p.reads(t, c.role) - before; got != 2 {
			t.Errorf("%s opened again: %d reads, want 2", c.page, got)
		}
	}
}

// TestAnswerSourceIsContent: where a rahasia complaint's answer came from
// (a web page, a library entry) is part of the answer: those who may not
// read it get neither, on the complaint nor in its events.
func TestAnswerSourceIsContent(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{"text": "Pertanyaan soal tunjangan pegawai.", "confidentiality": "rahasia", "category_id": e.categoryID(t, "INFORMASI_PUBLIK")}).Must(t, 201)
	id := apitest.Num(c, "id")
	e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", id), map[string]any{"version": apitest.Num(c, "version"),
		"answer": "Sudah dijawab lewat laman resmi.", "source": "web", "source_ref": "https://bkpsdm.example/tunjangan-rahasia-77"}).Must(t, 200)
	for _, r := range []aduan.Role{KA, PU} {
		for _, p := range []string{fmt.Sprintf("/api/v1/complaints/%d", id), fmt.Sprintf("/api/v1/complaints/%d/events", id)} {
			if res := e.as(r).Do("GET", p, nil); res.Status != 200 || strings.Contains(string(res.Raw), "tunjangan-rahasia-77") {
				t.Errorf("%s reads the answer's source at %s: %d", r, p, res.Status)
			}
		}
	}
	if res := e.as(OP).Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil); !strings.Contains(string(res.Raw), "tunjangan-rahasia-77") {
		t.Errorf("the operator lost the answer's source")
	}
}
