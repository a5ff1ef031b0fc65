package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/idem"
)

// The OpenAPI 3 document. Operations are listed here by hand, each with its
// request and response types; the schemas of those types are derived from
// the Go structs by reflection so that they cannot drift from what the
// handlers encode. A test checks that every route of the route table has an
// operation here.

type op struct {
	method, path, summary string
	body                  any // request body type, nil for none
	resp                  any // 2xx response type, nil for 204
	status                int
	public                bool
	query                 []string
}

// operations joins the core operations with each area's own list.
func operations() []op {
	var all []op
	for _, part := range [][]op{coreOperations, messageOperations, libraryOperations, reportOperations, open311Operations, privacyOperations, identityOperations, ppidOperations, deliveryOperations, laporOperations} {
		all = append(all, part...)
	}
	return all
}

var coreOperations = []op{
	{"get", "/api/v1/openapi.json", "This document", nil, map[string]any{}, 200, true, nil},
	{"post", "/api/v1/auth/login", "Log in; sets the session cookie", loginBody{}, UserJSON{}, 200, true, nil},
	{"post", "/api/v1/auth/logout", "Log out", nil, nil, 204, true, nil},
	{"get", "/api/v1/me", "The logged-in user", nil, UserJSON{}, 200, false, nil},
	{"get", "/api/v1/workflow", "The SOP state machine: statuses and transitions", nil, map[string]any{}, 200, false, nil},
	{"get", "/api/v1/complaints", "List complaints, newest first, with filters and keyset paging", nil, Page[ComplaintJSON]{}, 200, false,
		[]string{"status", "open", "agency_id", "category_id", "kecamatan", "kelurahan", "channel", "citizen_id", "duplicate_of", "from", "to", "q", "overdue", "cursor", "limit"}},
	{"post", "/api/v1/complaints", "Record a complaint (SOP steps 1–3)", NewComplaintJSON{}, ComplaintJSON{}, 201, false, nil},
	{"get", "/api/v1/complaints/{id}", "One complaint, by ID or number (ADU-2026-000123)", nil, ComplaintJSON{}, 200, false, nil},
	{"patch", "/api/v1/complaints/{id}", "Edit text, location or classification", ComplaintPatchJSON{}, ComplaintJSON{}, 200, false, nil},
	{"get", "/api/v1/complaints/{id}/events", "The complaint's timeline with step timings", nil, eventsBody{}, 200, false, nil},
	{"post", "/api/v1/complaints/{id}/actions/{action}", "Take a workflow step (request_identity, provide_identity, request_photos, photos_received, answer, forward, acknowledge, agency_answer, return, receive_answer, relay, close, reopen, mark_duplicate, reject, record_agency_answer, remind_agency, call_agency, withdraw, escalate_agency, agency_promise, agency_progress, ask_clarification, answer_clarification, remind_citizen, close_no_reply)", ActionJSON{}, actionResult{}, 200, false, nil},
	{"get", "/api/v1/citizens", "Find a returning caller by phone", nil, citizenResult{}, 200, false, []string{"phone"}},
	{"get", "/api/v1/citizens/{id}", "One citizen with their complaints", nil, citizenResult{}, 200, false, nil},
	{"patch", "/api/v1/citizens/{id}", "Correct a citizen's details", CitizenPatchJSON{}, CitizenJSON{}, 200, false, nil},
	{"get", "/api/v1/agencies", "List agencies (Perangkat Daerah)", nil, list[AgencyJSON]{}, 200, false, nil},
	{"post", "/api/v1/agencies", "Add an agency", AgencyJSON{}, AgencyJSON{}, 201, false, nil},
	{"get", "/api/v1/agencies/{id}", "One agency", nil, AgencyJSON{}, 200, false, nil},
	{"patch", "/api/v1/agencies/{id}", "Change an agency", AgencyJSON{}, AgencyJSON{}, 200, false, nil},
	{"get", "/api/v1/categories", "List categories", nil, list[CategoryJSON]{}, 200, false, nil},
	{"post", "/api/v1/categories", "Add a category", CategoryJSON{}, CategoryJSON{}, 201, false, nil},
	{"get", "/api/v1/categories/{id}", "One category", nil, CategoryJSON{}, 200, false, nil},
	{"patch", "/api/v1/categories/{id}", "Change a category", CategoryJSON{}, CategoryJSON{}, 200, false, nil},
	{"get", "/api/v1/kecamatan", "List kecamatan", nil, map[string]any{}, 200, false, nil},
	{"get", "/api/v1/kelurahan", "List kelurahan", nil, map[string]any{}, 200, false, []string{"kecamatan"}},
	{"get", "/api/v1/users", "List users", nil, list[UserJSON]{}, 200, false, nil},
	{"post", "/api/v1/users", "Add a user", UserInputJSON{}, UserJSON{}, 201, false, nil},
	{"get", "/api/v1/users/{id}", "One user", nil, UserJSON{}, 200, false, nil},
	{"patch", "/api/v1/users/{id}", "Change a user", UserInputJSON{}, UserJSON{}, 200, false, nil},
	{"post", "/api/v1/users/{id}/password", "Change or reset a password", passwordBody{}, nil, 204, false, nil},
	{"get", "/api/v1/tokens", "List API tokens", nil, list[TokenJSON]{}, 200, false, []string{"user_id"}},
	{"post", "/api/v1/tokens", "Create an API token (the secret is returned once)", tokenBody{}, TokenJSON{}, 201, false, nil},
	{"delete", "/api/v1/tokens/{id}", "Revoke an API token", nil, nil, 204, false, nil},
	{"get", "/api/v1/settings", "The city's settings", nil, map[string]string{}, 200, false, nil},
	{"patch", "/api/v1/settings", "Change settings", map[string]string{}, map[string]string{}, 200, false, nil},
	{"get", "/api/v1/standards", "SOP standard times (Mutu Baku)", nil, list[StandardJSON]{}, 200, false, nil},
	{"put", "/api/v1/standards/{step}", "Change a step's standard time", standardBody{}, list[StandardJSON]{}, 200, false, nil},
	{"get", "/api/v1/calendars", "The city's time zone and the opening hours each party's clock counts in (call center, offices, agencies with their own)", nil, CalendarsJSON{}, 200, false, nil},
	{"put", "/api/v1/calendars", "Change the time zone and opening hours (koordinator, admin); a field left out stays; all or none", CalendarsInput{}, CalendarsJSON{}, 200, false, nil},
	{"get", "/api/v1/tiers", "Each category's tier (ringan 2, normatif 5, tanpa pengawasan 14, pemeriksaan 60 working days) and the standards by tier and priority", nil, TiersJSON{}, 200, false, nil},
	{"put", "/api/v1/tiers/{category_id}", "Set the tier a category's complaints are timed by (koordinator, admin); \"\" for the default", CategoryTierInput{}, TiersJSON{}, 200, false, nil},
	{"get", "/api/v1/holidays", "Holidays (working-day deadlines skip them)", nil, map[string]any{}, 200, false, nil},
	{"put", "/api/v1/holidays/{date}", "Add or rename a holiday", holidayBody{}, map[string]string{}, 200, false, nil},
	{"delete", "/api/v1/holidays/{date}", "Remove a holiday", nil, nil, 204, false, nil},
	{"post", "/api/v1/calls", "Incoming-call pop for a PBX/CTI: opens the intake form with the caller's number on the operators' consoles (or on one operator's, by user name)", callBody{}, map[string]any{}, 202, false, nil},
	{"post", "/api/v1/contacts", "Log a contact with the call center, whatever it was (complaint, information, aspiration, follow_up, wrong_number, prank, silent, missed); with the call_id of a call the PBX reported, classify that call. Only complaints carry a complaint", ContactInJSON{}, ContactJSON{}, 201, false, nil},
	{"get", "/api/v1/contacts/callbacks", "The call-back list: missed calls not yet returned, oldest first", nil, list[ContactJSON]{}, 200, false, nil},
	{"get", "/api/v1/audit", "The audit log, newest first", nil, Page[AuditJSON]{}, 200, false, []string{"actor_id", "entity", "entity_id", "action", "from", "to", "cursor", "limit"}},
}

// idempotentOperations take the Idempotency-Key header (idempotency.go).
var idempotentOperations = map[string]bool{
	"post /api/v1/complaints":                       true,
	"post /api/v1/complaints/{id}/actions/{action}": true,
	"post /api/v1/complaints/{id}/notes":            true,
	"post /open311/v2/{file}":                       true, // requests.{xml,json}; per Open311 client
}

var idempotencyKeyParam = map[string]any{"name": idem.KeyHeader, "in": "header", "required": false,
	"description": "A key of the client's choosing (1–255 printable ASCII characters, e.g. a UUID), per user (per client for Open311 POST requests), kept 24 hours. " +
		"Sending the request again with the same key returns the first answer with Idempotent-Replayed: true and does nothing twice; " +
		"the same key with a different request is a 422. Send it so that a request that got no answer can be retried safely.",
	"schema": map[string]any{"type": "string", "minLength": 1, "maxLength": idem.MaxKeyLen}}

type loginBody struct {
	Username string `json:"username"`
	Password string `json:"password"`
}
type passwordBody struct {
	OldPassword string `json:"old_password"`
	Password    string `json:"password"`
}
type tokenBody struct {
	Name   string `json:"name"`
	UserID int64  `json:"user_id"`
}
type standardBody struct {
	Amount int    `json:"amount"`
	Unit   string `json:"unit"`
}
type callBody struct {
	Phone      string `json:"phone"`
	Operator   string `json:"operator"`
	ReceivedAt string `json:"received_at"`
	Missed     bool   `json:"missed"`
	CallID     string `json:"call_id"`
}
type holidayBody struct {
	Name string `json:"name"`
}
type list[T any] struct {
	Items []T `json:"items"`
}
type eventsBody = list[EventJSON]
type actionResult struct {
	Complaint ComplaintJSON   `json:"complaint"`
	Event     ActionEventJSON `json:"event"`
}

// ActionEventJSON is the event a workflow step recorded: its step (empty for
// an untimed action) and, for a timed step, its deadline and whether it was
// met.
type ActionEventJSON struct {
	ID       int64   `json:"id"`
	Action   string  `json:"action"`
	Step     string  `json:"step"`
	Met      *bool   `json:"met"`
	At       string  `json:"at"`
	Deadline *string `json:"deadline"`
}
type citizenResult struct {
	Citizen    CitizenJSON     `json:"citizen"`
	Complaints []ComplaintJSON `json:"complaints"`
}

// Documented reports whether method and path have an operation, for the
// coverage test.
func Documented(method, path string) bool {
	for _, o := range operations() {
		if strings.EqualFold(o.method, method) && o.path == path {
			return true
		}
	}
	return false
}

var (
	docOnce sync.Once
	docJSON map[string]any
)

// OpenAPI serves the OpenAPI 3 document.
func (a *API) OpenAPI(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, Document())
}

// Document is the OpenAPI 3 document as served, for the client generator
// (internal/api/apiclient) and tests.
func Document() map[string]any {
	docOnce.Do(func() { docJSON = buildDoc() })
	return docJSON
}

func buildDoc() map[string]any {
	sb := &schemaBuilder{schemas: map[string]any{}, resp: map[reflect.Type]bool{}}
	schemas := sb.schemas
	paths := map[string]any{}
	errResp := map[string]any{"description": "Error", "content": map[string]any{"application/json": map[string]any{"schema": sb.ref(reflect.TypeOf(ErrorBody{}), true)}}}
	// Responses first, so that a type used both ways keeps its own name for
	// what the server returns and a body takes the "Input" twin.
	respSchemas := make([]map[string]any, len(operations()))
	for i, o := range operations() {
		if o.resp != nil {
			respSchemas[i] = sb.ref(reflect.TypeOf(o.resp), true)
		}
	}
	for i, o := range operations() {
		item, _ := paths[o.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[o.path] = item
		}
		opj := map[string]any{"summary": o.summary, "operationId": o.method + strings.NewReplacer("/api/v1", "", "/", "_", "{", "", "}", "", ".", "_").Replace(o.path)}
		var params []any
		for _, seg := range strings.Split(o.path, "/") {
			if strings.HasPrefix(seg, "{") {
				params = append(params, map[string]any{"name": strings.Trim(seg, "{}"), "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
			}
		}
		for _, q := range o.query {
			params = append(params, map[string]any{"name": q, "in": "query", "required": false, "schema": map[string]any{"type": "string"}})
		}
		params = append(params, map[string]any{"name": "Accept-Language", "in": "header", "required": false, "schema": map[string]any{"type": "string", "enum": []string{"id", "en"}}})
		guarded := idempotentOperations[o.method+" "+o.path]
		if guarded {
			params = append(params, idempotencyKeyParam)
		}
		opj["parameters"] = params
		if o.body != nil {
			opj["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": sb.ref(reflect.TypeOf(o.body), false)}}}
		}
		resps := map[string]any{"default": errResp}
		if o.resp == nil {
			resps[strconv.Itoa(o.status)] = map[string]any{"description": "Done"}
		} else {
			resps[strconv.Itoa(o.status)] = map[string]any{"description": "OK", "content": map[string]any{"application/json": map[string]any{"schema": respSchemas[i]}}}
		}
		if guarded {
			ok := resps[strconv.Itoa(o.status)].(map[string]any)
			ok["headers"] = map[string]any{idem.ReplayedHeader: map[string]any{
				"description": "true when this is the recorded answer to an earlier request with the same Idempotency-Key",
				"schema":      map[string]any{"type": "string", "enum": []string{"true"}}}}
			desc := "The Idempotency-Key was already used for a different request"
			if o.path == "/api/v1/complaints/{id}/actions/{action}" {
				// CategoryFirst: the one other 422 of this operation.
				desc += "; or (answer, forward, close) the complaint has no category and none was given: the error names the field category_id"
			}
			resps["422"] = map[string]any{"description": desc, "content": errResp["content"]}
		}
		opj["responses"] = resps
		if o.public {
			opj["security"] = []any{}
		}
		item[o.method] = opj
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "aduan API", "version": "1",
			"description": "Complaint handling for a city call center, after the SOP of Kota Depok. Errors have one shape; messages follow Accept-Language (id, en). Times are RFC 3339 in the city's zone (the time_zone setting: WIB +07:00 by default, WITA +08:00, WIT +09:00); a date alone in a filter starts at the city's midnight."},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": auth.SessionCookie},
			},
		},
		"security": []any{map[string]any{"bearer": []any{}}, map[string]any{"session": []any{}}},
	}
}

var timeType = reflect.TypeOf(time.Time{})

// schemaBuilder derives schemas from Go types. A response schema names as
// required every field the server always writes (no omitempty) and marks
// nullable what can be written as null (pointers, slices, maps); a request
// schema names as required only what the handler refuses to do without
// (bodyRequired). Enums and hand-written field schemas come from
// fieldEnums and fieldSchema (openapi_schema.go).
type schemaBuilder struct {
	schemas map[string]any
	resp    map[reflect.Type]bool // struct types registered as response schemas
}

// ref returns a schema for t, registering named structs under
// components/schemas.
func (sb *schemaBuilder) ref(t reflect.Type, resp bool) map[string]any {
	if t.Kind() == reflect.Pointer {
		return sb.ref(t.Elem(), resp)
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawJSONType:
		return map[string]any{}
	case t.Kind() == reflect.String:
		return map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		return map[string]any{"type": "boolean"}
	case t.Kind() == reflect.Int64 || t.Kind() == reflect.Uint64:
		return map[string]any{"type": "integer", "format": "int64"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return map[string]any{"type": "integer"}
	case t.Kind() == reflect.Float64:
		return map[string]any{"type": "number", "format": "double"}
	case t.Kind() == reflect.Float32:
		return map[string]any{"type": "number"}
	case t.Kind() == reflect.Slice:
		return map[string]any{"type": "array", "items": sb.ref(t.Elem(), resp)}
	case t.Kind() == reflect.Map:
		if t.Elem().Kind() == reflect.Interface {
			return map[string]any{"type": "object"}
		}
		return map[string]any{"type": "object", "additionalProperties": sb.ref(t.Elem(), resp)}
	case t.Kind() == reflect.Interface:
		return map[string]any{}
	case t.Kind() == reflect.Struct:
		name := schemaName(t)
		if !resp && sb.resp[t] {
			name += "Input"
		}
		if resp {
			sb.resp[t] = true
		}
		if _, ok := sb.schemas[name]; !ok {
			sb.schemas[name] = map[string]any{} // break cycles
			props := map[string]any{}
			var required []string
			sb.addFields(schemaName(t), t, props, &required, resp)
			if !resp {
				required = bodyRequired[name]
			}
			s := map[string]any{"type": "object", "properties": props}
			if len(required) > 0 {
				sort.Strings(required)
				s["required"] = required
			}
			sb.schemas[name] = s
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

func schemaName(t reflect.Type) string {
	return strings.NewReplacer("[", "_", "]", "", ".", "_", "/", "_").Replace(t.Name())
}

var rawJSONType = reflect.TypeOf(json.RawMessage{})

func (sb *schemaBuilder) addFields(owner string, t reflect.Type, props map[string]any, required *[]string, resp bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			sb.addFields(owner, f.Type, props, required, resp)
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		omitempty := strings.Contains(","+opts+",", ",omitempty,")
		if !omitempty {
			*required = append(*required, name)
		}
		ft := f.Type
		var p map[string]any
		switch {
		case ft.Name() == "ComplaintRef":
			p = map[string]any{"oneOf": []any{map[string]any{"type": "integer"}, map[string]any{"type": "string"}}, "description": "complaint ID or number"}
		default:
			if p = sb.fieldSchema(owner + "." + name); p == nil {
				p = sb.ref(ft, resp)
			}
		}
		if vals := fieldEnums[owner+"."+name]; vals != nil {
			if p["type"] == "array" {
				p["items"] = map[string]any{"type": "string", "enum": vals}
			} else {
				p["enum"] = vals
			}
		}
		k := ft.Kind()
		if resp && !omitempty && (k == reflect.Pointer || k == reflect.Slice || k == reflect.Map) && ft != rawJSONType {
			if _, isRef := p["$ref"]; isRef {
				// A sibling of $ref is ignored in OpenAPI 3.0: wrap it.
				p = map[string]any{"allOf": []any{p}}
			}
			p["nullable"] = true
		}
		props[name] = p
	}
}
