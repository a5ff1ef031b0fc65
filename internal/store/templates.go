package store

import (
	"context"
	"database/sql"
	"regexp"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// CanEditTemplates reports whether the actor may change message templates:
// the coordinator, who owns what the call center says, and IT staff.
func CanEditTemplates(a aduan.Actor) bool {
	return a.IsSystem() || a.Role == aduan.RoleKoordinatorCC || a.Role == aduan.RoleAdmin
}

// Templates lists every message template: the stored text where one was
// saved, else the default.
func (mb *Messages) Templates(ctx context.Context, actor aduan.Actor) (_ []channel.Template, err error) {
	s := mb.s
	defer wrap(&err, "Templates()")
	if !CanEditTemplates(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var out []channel.Template
	for _, d := range channel.DefaultTemplates() {
		t, err := s.template(ctx, s.rdb, d.Key)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Template returns one template for the actor.
func (mb *Messages) Template(ctx context.Context, actor aduan.Actor, key string) (_ channel.Template, err error) {
	s := mb.s
	defer wrap(&err, "Template(%s)", key)
	if !CanEditTemplates(actor) {
		return channel.Template{}, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if !channel.ValidKey(key) {
		return channel.Template{}, notFound("template")
	}
	return s.template(ctx, s.rdb, key)
}

// TemplateTx returns the template to render inside tx, kept with the
// reference data (a change moves ref_version, migration 0071): every new
// complaint's receipt read it, a round trip on PostgreSQL.
func (mb *Messages) TemplateTx(ctx context.Context, tx *sql.Tx, key string) (_ channel.Template, err error) {
	s := mb.s
	defer wrap(&err, "TemplateTx(%s)", key)
	r, err := s.refsAt(ctx, tx)
	if err != nil {
		return channel.Template{}, err
	}
	r.mu.Lock()
	t, ok := r.templates[key]
	r.mu.Unlock()
	if ok {
		return t, nil
	}
	if t, err = s.template(ctx, tx, key); err != nil {
		return t, err
	}
	r.mu.Lock()
	if r.templates == nil {
		r.templates = map[string]channel.Template{}
	}
	r.templates[key] = t
	r.mu.Unlock()
	return t, nil
}

func (s *Store) template(ctx context.Context, q queryer, key string) (channel.Template, error) {
	t, ok := channel.DefaultTemplate(key)
	if !ok {
		return t, notFound("template")
	}
	var up int64
	err := q.QueryRowContext(ctx, `SELECT subject, body, wa_template, updated_at, updated_by FROM message_templates WHERE key = $1`, key).
		Scan(&t.Subject, &t.Body, &t.WATemplate, &up, &t.UpdatedBy)
	if err == sql.ErrNoRows {
		return t, nil
	}
	if err != nil {
		return t, mapErr(err)
	}
	t.UpdatedAt = fromMS(up)
	return t, nil
}

var waNameRe = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)

// SaveTemplate changes a template's text. Unknown {variables} are refused,
// so that a typo never reaches a citizen as a raw placeholder.
func (mb *Messages) SaveTemplate(ctx context.Context, actor aduan.Actor, t channel.Template) (_ channel.Template, err error) {
	s := mb.s
	defer wrap(&err, "SaveTemplate(%s)", t.Key)
	if !CanEditTemplates(actor) {
		return t, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if !channel.ValidKey(t.Key) {
		return t, notFound("template")
	}
	t.Body = strings.TrimSpace(t.Body)
	t.Subject = strings.TrimSpace(t.Subject)
	t.WATemplate = strings.TrimSpace(t.WATemplate)
	var v aduan.Validation
	checkField(&v, "body", t.Body, 1000, true)
	checkField(&v, "subject", t.Subject, 200, false)
	if u := channel.UnknownVariables(t.Body + t.Subject); len(u) > 0 && !v.Has("body") {
		v.Add("body", "err.field.template_variable", "{"+u[0]+"}")
	}
	if t.WATemplate != "" && !waNameRe.MatchString(t.WATemplate) {
		v.Add("wa_template", "err.field.wa_template")
	}
	if err := v.Err(); err != nil {
		return t, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.template(ctx, tx, t.Key)
		if err != nil {
			return err
		}
		t.UpdatedAt, t.UpdatedBy = s.Now(), actor.Name
		if _, err := tx.ExecContext(ctx, `INSERT INTO message_templates (key, subject, body, wa_template, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, body = excluded.body,
			wa_template = excluded.wa_template, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			t.Key, t.Subject, t.Body, t.WATemplate, ms(t.UpdatedAt), t.UpdatedBy); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "template.update", "template", 0,
			map[string]string{"key": before.Key, "subject": before.Subject, "body": before.Body, "wa_template": before.WATemplate},
			map[string]string{"key": t.Key, "subject": t.Subject, "body": t.Body, "wa_template": t.WATemplate})
	})
	return t, err
}

// checkField validates free text the way the domain does: valid UTF-8, no
// control characters but newlines and tabs, within max runes.
func checkField(v *aduan.Validation, field, s string, max int, required bool) {
	p := aduan.ComplaintPatch{Text: &s}
	if !required && s == "" {
		return
	}
	if len([]rune(s)) > max {
		v.Add(field, "err.field.too_long", max)
		return
	}
	if err := p.Validate(); err != nil {
		if e, ok := aduan.AsError(err); ok && len(e.Fields) > 0 {
			v.Add(field, e.Fields[0].Key, e.Fields[0].Args...)
		}
	}
}
