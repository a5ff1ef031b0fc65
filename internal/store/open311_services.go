package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/kotakita/aduan"
)

// The Open311 services: the public categories as Open311 offers them, with
// their type, notice and the attributes of their definitions.

// Open311 service types.
const (
	ServiceRealtime = "realtime"
	ServiceBatch    = "batch"
	ServiceBlackbox = "blackbox"
)

// Service is a complaint category as Open311 offers it.
type Service struct {
	Code        string // the category code: the service_code
	Name        string
	Description string
	Keywords    []string
	Group       string
	Type        string // realtime, batch or blackbox
	Notice      string // service_notice after a POST
	CategoryID  int64
	AgencyName  string
	Attributes  []ServiceAttribute
	// Set is what the admin set in the console; an empty field falls back
	// to what the category gives.
	Set ServiceOverrides
}

// ServiceOverrides are a service's settings that replace the category's.
type ServiceOverrides struct {
	Keywords    []string
	Group       string
	Description string
}

// ServiceAttribute is one field of a service definition.
type ServiceAttribute struct {
	Code                string
	Datatype            string
	Variable            bool
	Required            bool
	Order               int
	Description         string
	DatatypeDescription string
	Values              []AttributeValue
}

// AttributeValue is one choice of a list attribute.
type AttributeValue struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// Open311Services lists the categories offered to citizens (public and
// active) with their Open311 settings and attributes, ordered by code.
func (o *Open311) Open311Services(ctx context.Context) (_ []Service, err error) {
	s := o.s
	defer wrap(&err, "Open311Services()")
	rows, err := s.rdb.QueryContext(ctx, `SELECT cat.id, cat.code, cat.name, cat.keywords, cat.lapor_category, cat.notes,
		COALESCE(ag.name, ''), COALESCE(sv.type, 'realtime'), COALESCE(sv.notice, ''),
		COALESCE(sv.keywords, ''), COALESCE(sv.grp, ''), COALESCE(sv.description, '')
		FROM categories cat LEFT JOIN agencies ag ON ag.id = cat.default_agency_id
		LEFT JOIN open311_services sv ON sv.category_code = cat.code
		WHERE cat.public = $1 AND cat.active = $1 ORDER BY cat.code`, true)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []Service
	for rows.Next() {
		var sv Service
		var kw, lapor, notes, setKW string
		if err := rows.Scan(&sv.CategoryID, &sv.Code, &sv.Name, &kw, &lapor, &notes, &sv.AgencyName, &sv.Type, &sv.Notice,
			&setKW, &sv.Set.Group, &sv.Set.Description); err != nil {
			return nil, err
		}
		sv.Set.Keywords = splitKeywords(setKW)
		sv.Keywords = sv.Set.Keywords
		if len(sv.Keywords) == 0 {
			sv.Keywords = splitKeywords(kw)
		}
		sv.Group = sv.Set.Group
		if sv.Group == "" {
			sv.Group = laporGroup(lapor)
		}
		sv.Description = sv.Set.Description
		if sv.Description == "" {
			sv.Description = sv.Name
			if sv.AgencyName != "" {
				sv.Description += " — " + sv.AgencyName
			}
		}
		out = append(out, sv)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	attrs, err := s.open311Attributes(ctx, "")
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Attributes = attrs[out[i].Code]
	}
	return out, nil
}

// Open311Service returns one offered service by its code (case as stored).
func (o *Open311) Open311Service(ctx context.Context, code string) (_ *Service, err error) {
	s := o.s
	defer wrap(&err, "Open311Service(%s)", code)
	all, err := s.Open311().Open311Services(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Code == code {
			return &all[i], nil
		}
	}
	return nil, notFound("service")
}

func (s *Store) open311Attributes(ctx context.Context, code string) (map[string][]ServiceAttribute, error) {
	var w where
	if code != "" {
		w.add("category_code = ?", code)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT category_code, code, datatype, variable, required, ord, description, datatype_description, vals
		FROM open311_attributes`+w.sql()+` ORDER BY category_code, ord`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string][]ServiceAttribute{}
	for rows.Next() {
		var cat, vals string
		var a ServiceAttribute
		if err := rows.Scan(&cat, &a.Code, &a.Datatype, &a.Variable, &a.Required, &a.Order, &a.Description, &a.DatatypeDescription, &vals); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(vals), &a.Values); err != nil {
			return nil, err
		}
		out[cat] = append(out[cat], a)
	}
	return out, rows.Err()
}

// Attribute datatypes of the standard.
var attributeTypes = []string{"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}

// AttributeTypes lists the standard's attribute datatypes, for a form.
func AttributeTypes() []string { return append([]string(nil), attributeTypes...) }

// SetOpen311Service sets a category's Open311 type and notice and replaces
// its attributes (category editors only).
func (o *Open311) SetOpen311Service(ctx context.Context, actor aduan.Actor, code, typ, notice string, attrs []ServiceAttribute) (err error) {
	s := o.s
	defer wrap(&err, "SetOpen311Service(%s)", code)
	if err := actor.Require(aduan.PermCategoryEdit); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return s.setOpen311ServiceTx(ctx, tx, actor, code, typ, notice, attrs) })
}

func (s *Store) setOpen311ServiceTx(ctx context.Context, tx *sql.Tx, actor aduan.Actor, code, typ, notice string, attrs []ServiceAttribute) error {
	var v aduan.Validation
	if typ != ServiceRealtime && typ != ServiceBatch && typ != ServiceBlackbox {
		v.Add("type", "err.field.choice")
	}
	seen, orders := map[string]bool{}, map[int]bool{}
	for _, a := range attrs {
		ok := false
		for _, t := range attributeTypes {
			ok = ok || t == a.Datatype
		}
		if !ok {
			v.Add("attributes."+a.Code+".datatype", "err.field.choice")
		}
		if a.Code == "" || seen[a.Code] {
			v.Add("attributes.code", "err.field.code")
		}
		if a.Order <= 0 || orders[a.Order] {
			v.Add("attributes."+a.Code+".order", "err.field.range", 1, 1000)
		}
		if strings.HasSuffix(a.Datatype, "valuelist") && len(a.Values) == 0 {
			v.Add("attributes."+a.Code+".values", "err.field.required")
		}
		seen[a.Code], orders[a.Order] = true, true
	}
	if err := v.Err(); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM categories WHERE code = $1`, code).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return notFound("service")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO open311_services (category_code, type, notice) VALUES ($1, $2, $3)
		ON CONFLICT (category_code) DO UPDATE SET type = $2, notice = $3`, code, typ, notice); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM open311_attributes WHERE category_code = $1`, code); err != nil {
		return err
	}
	for _, a := range attrs {
		vals, _ := json.Marshal(a.Values)
		if a.Values == nil {
			vals = []byte("[]")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO open311_attributes (category_code, code, datatype, variable, required, ord, description, datatype_description, vals)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, code, a.Code, a.Datatype, a.Variable, a.Required, a.Order, a.Description, a.DatatypeDescription, string(vals)); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, actor, "open311_service.save", "category", 0, nil, map[string]any{"code": code, "type": typ, "attributes": attrs})
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ";") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// laporGroup is the group a category's SP4N-LAPOR! category gives: the
// first level of its first alternative ("PEKERJAAN UMUM DAN PENATAAN
// RUANG; TIK > …" names two categories; the group is the first). A
// service has one group.
func laporGroup(lapor string) string {
	first, _, _ := strings.Cut(lapor, ";")
	top, _, _ := strings.Cut(first, ">")
	return strings.TrimSpace(top)
}

// ServiceConfig is what the admin sets of one Open311 service in the
// console. Empty Keywords, Group and Description fall back to the
// category's.
type ServiceConfig struct {
	Code        string
	Type        string
	Keywords    []string
	Group       string
	Description string
	Notice      string
	Attributes  []ServiceAttribute
}

// Limits of a service's configuration.
const (
	MaxServiceGroupLen       = 100
	MaxServiceKeywordLen     = 60
	MaxServiceKeywords       = 30
	MaxServiceDescriptionLen = 500
	MaxServiceNoticeLen      = 500
)

// SaveOpen311Service sets all of a service's configuration (category
// editors only): its type, keywords, one group, description, notice and
// attributes, as services.xml and its definition then show them.
func (o *Open311) SaveOpen311Service(ctx context.Context, actor aduan.Actor, c ServiceConfig) (err error) {
	s := o.s
	defer wrap(&err, "SaveOpen311Service()")
	if err := actor.Require(aduan.PermCategoryEdit); err != nil {
		return err
	}
	var v aduan.Validation
	c.Group = strings.TrimSpace(c.Group)
	switch {
	case strings.ContainsAny(c.Group, ";,\n"):
		v.Add("group", "o311.err.one_group")
	case len([]rune(c.Group)) > MaxServiceGroupLen:
		v.Add("group", "err.field.too_long", MaxServiceGroupLen)
	}
	if len(c.Keywords) > MaxServiceKeywords {
		v.Add("keywords", "err.field.range", 0, MaxServiceKeywords)
	}
	for _, k := range c.Keywords {
		if strings.Contains(k, ";") || len([]rune(k)) > MaxServiceKeywordLen {
			v.Add("keywords", "err.field.too_long", MaxServiceKeywordLen)
			break
		}
	}
	if len([]rune(c.Description)) > MaxServiceDescriptionLen {
		v.Add("description", "err.field.too_long", MaxServiceDescriptionLen)
	}
	if len([]rune(c.Notice)) > MaxServiceNoticeLen {
		v.Add("notice", "err.field.too_long", MaxServiceNoticeLen)
	}
	if err := v.Err(); err != nil {
		return err
	}
	null := func(s string) any {
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
		return s
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.setOpen311ServiceTx(ctx, tx, actor, c.Code, c.Type, strings.TrimSpace(c.Notice), c.Attributes); err != nil {
			return err
		}
		kw := strings.Join(splitKeywords(strings.Join(c.Keywords, ";")), ";")
		if _, err := tx.ExecContext(ctx, `UPDATE open311_services SET keywords = $1, grp = $2, description = $3 WHERE category_code = $4`,
			null(kw), null(c.Group), null(c.Description), c.Code); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "open311_service.config", "category", 0, nil,
			map[string]any{"code": c.Code, "keywords": kw, "group": c.Group, "description": c.Description, "notice": c.Notice})
	})
}
