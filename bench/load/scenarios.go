package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/store"
)

// Scenarios, in the order they run: the reads first, on the dataset as it
// was made; then the writes (intake leaves recorded complaints behind,
// which the workflow step then answers).
var allScenarios = []string{"queue", "complaint", "search", "intake", "step", "sms"}

var scenarioHelp = map[string]string{
	"queue":     "GET /queue: the operator's queue page (open complaints, newest first, 50 rows)",
	"complaint": "GET /complaints/{id}: a random complaint's page with its timeline",
	"search":    "GET /desk/search?text=…: the answer panel as the operator types (library and past complaints)",
	"intake":    "POST /api/v1/complaints: a complaint recorded over the API (citizen, number, event, audit, message job)",
	"step":      "POST /api/v1/complaints/{id}/actions/answer: a workflow step on a recorded complaint (event, audit, SMS job)",
	"sms":       "GET /api/v1/channels/kannel/mo: an inbound SMS from Kannel (stored, and a job to handle it)",
}

// fixture is what the scenarios need from the database: a logged-in
// operator (cookie and API token) and samples of real data to send.
type fixture struct {
	st      *store.Store
	cookie  string
	token   string
	secret  string
	ids     []int64
	texts   []string
	kels    []string
	cats    []int64
	queries []string
}

const (
	loadUser     = "load.op"
	kannelSecret = "load-secret"
)

// newFixture prepares the operator and samples the data. The user is made
// on first use (the run works on a copy of the dataset, or on a database
// given with -database-url).
func newFixture(ctx context.Context, st *store.Store, seed uint64) (*fixture, error) {
	f := &fixture{st: st, secret: kannelSecret}
	u, err := st.Users().UserByUsername(ctx, loadUser)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		u = &aduan.User{Username: loadUser, Name: "Operator Uji Beban", Role: aduan.RoleOperatorCC, Active: true}
		err = st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-beban-2026")
	}
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	st.DB().ExecContext(ctx, `UPDATE users SET must_change_pw = FALSE WHERE id = $1`, u.ID)
	if f.cookie, err = st.Users().CreateSession(ctx, u.ID, 24*time.Hour); err != nil {
		return nil, err
	}
	if f.token, _, err = st.Users().CreateToken(ctx, aduan.System, u.ID, "load harness"); err != nil {
		return nil, err
	}
	db := st.DB()
	var lo, hi int64
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM complaints`).Scan(&lo, &hi); err != nil {
		return nil, err
	}
	rnd := rand.New(rand.NewPCG(seed, 8))
	if hi > 0 {
		for i := 0; i < 1000; i++ {
			var id int64
			var text string
			var kel sql.NullString
			err := db.QueryRowContext(ctx, `SELECT id, text, kelurahan_code FROM complaints WHERE id >= $1 ORDER BY id LIMIT 1`, lo+rnd.Int64N(hi-lo+1)).Scan(&id, &text, &kel)
			if err != nil {
				return nil, err
			}
			f.ids = append(f.ids, id)
			f.texts = append(f.texts, text)
			if kel.Valid {
				f.kels = append(f.kels, kel.String)
			}
		}
	}
	if len(f.texts) == 0 {
		f.texts = []string{"Lampu penerangan jalan di Jl. Margonda mati sejak tiga hari, mohon segera diperbaiki."}
	}
	if len(f.kels) == 0 {
		var k string
		if err := db.QueryRowContext(ctx, `SELECT code FROM kelurahan ORDER BY code LIMIT 1`).Scan(&k); err != nil {
			return nil, fmt.Errorf("no kelurahan: %w", err)
		}
		f.kels = append(f.kels, k)
	}
	rows, err := db.QueryContext(ctx, `SELECT id FROM categories WHERE active ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		f.cats = append(f.cats, id)
	}
	rows.Close()
	// What an operator types: the start of a complaint, often cut mid-word.
	for _, t := range f.texts {
		r := []rune(t)
		n := min(len(r), 12+rnd.IntN(40))
		f.queries = append(f.queries, string(r[:n]))
	}
	return f, nil
}

// scenario builds the request stream of one scenario against base.
func (f *fixture) scenario(ctx context.Context, name, base string, seed uint64) (request, error) {
	okStatus := func(want int) func(int) bool { return func(s int) bool { return s == want } }
	var calls atomic.Int64
	rndFor := func(worker, i int) *rand.Rand {
		return rand.New(rand.NewPCG(seed+uint64(worker), uint64(i)))
	}
	page := func(path string) (*http.Request, error) {
		req, err := http.NewRequest("GET", base+path, nil)
		if err != nil {
			return nil, err
		}
		req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: f.cookie})
		return req, nil
	}
	apiReq := func(method, path string, body any) (*http.Request, error) {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		req, err := http.NewRequest(method, base+path, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+f.token)
		return req, nil
	}
	switch name {
	case "trivial":
		return request{ok: okStatus(200), next: func(w, i int) (*http.Request, error) { return http.NewRequest("GET", base+"/", nil) }}, nil
	case "queue":
		return request{ok: okStatus(200), next: func(w, i int) (*http.Request, error) { return page("/queue") }}, nil
	case "complaint":
		if len(f.ids) == 0 {
			return request{}, fmt.Errorf("no complaints in the database")
		}
		return request{ok: okStatus(200), next: func(w, i int) (*http.Request, error) {
			return page("/complaints/" + strconv.FormatInt(f.ids[rndFor(w, i).IntN(len(f.ids))], 10))
		}}, nil
	case "search":
		return request{ok: okStatus(200), next: func(w, i int) (*http.Request, error) {
			return page("/desk/search?text=" + url.QueryEscape(f.queries[rndFor(w, i).IntN(len(f.queries))]))
		}}, nil
	case "intake":
		return request{ok: okStatus(201), next: func(w, i int) (*http.Request, error) {
			r := rndFor(w, i)
			n := calls.Add(1)
			body := map[string]any{
				"channel":        "telepon",
				"text":           f.texts[r.IntN(len(f.texts))],
				"kelurahan_code": f.kels[r.IntN(len(f.kels))],
				"address":        fmt.Sprintf("Jl. Kenanga No. %d", 1+r.IntN(200)),
				// Citizens call again: a pool of 200,000 numbers.
				"citizen": map[string]any{"name": fmt.Sprintf("Warga Uji %d", n%200000), "phone": fmt.Sprintf("0813%08d", r.IntN(200000)),
					"address": fmt.Sprintf("Jl. Melati No. %d", 1+r.IntN(300))},
			}
			if len(f.cats) > 0 && r.IntN(2) == 0 {
				body["category_id"] = f.cats[r.IntN(len(f.cats))]
			}
			return apiReq("POST", "/api/v1/complaints", body)
		}}, nil
	case "step":
		type item struct{ id, version, category int64 }
		var pool []item
		rows, err := f.st.DB().QueryContext(ctx, `SELECT id, version, COALESCE(category_id, 0) FROM complaints WHERE status = 'recorded' ORDER BY id DESC LIMIT 500000`)
		if err != nil {
			return request{}, err
		}
		for rows.Next() {
			var it item
			rows.Scan(&it.id, &it.version, &it.category)
			// A complaint is answered only once classified: the step
			// carries a category for those intake left without one.
			if it.category == 0 && len(f.cats) > 0 {
				it.category = f.cats[int(it.id)%len(f.cats)]
			}
			pool = append(pool, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return request{}, err
		}
		var next atomic.Int64
		return request{ok: okStatus(200),
			exhausted: func() bool { return next.Load() >= int64(len(pool)) },
			next: func(w, i int) (*http.Request, error) {
				k := next.Add(1) - 1
				if k >= int64(len(pool)) {
					return nil, fmt.Errorf("no recorded complaint left to answer")
				}
				it := pool[k]
				body := map[string]any{
					"version": it.version,
					"answer":  "Terima kasih atas laporan Bapak/Ibu. Keluhan sudah kami teruskan dan akan ditindaklanjuti dalam 3 hari kerja.",
					// Answered on the call: a generated caller without a
					// mobile or e-mail is not refused (one with a mobile
					// still gets the SMS).
					"told_on_call": true,
				}
				if it.category != 0 {
					body["category_id"] = it.category
				}
				return apiReq("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", it.id), body)
			}}, nil
	case "sms":
		return request{ok: okStatus(200), next: func(w, i int) (*http.Request, error) {
			r := rndFor(w, i)
			n := calls.Add(1)
			q := url.Values{}
			q.Set("secret", f.secret)
			q.Set("from", fmt.Sprintf("+62813%08d", r.IntN(200000)))
			q.Set("to", "1500")
			q.Set("id", fmt.Sprintf("load-%d-%d", seed, n))
			q.Set("ts", strconv.FormatInt(time.Now().Unix(), 10))
			text := f.texts[r.IntN(len(f.texts))]
			if rs := []rune(text); len(rs) > 300 {
				text = string(rs[:300])
			}
			q.Set("text", text)
			return http.NewRequest("GET", base+"/api/v1/channels/kannel/mo?"+q.Encode(), nil)
		}}, nil
	}
	return request{}, fmt.Errorf("unknown scenario %q (%s)", name, strings.Join(allScenarios, ", "))
}
