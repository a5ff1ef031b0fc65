package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The two formats of the standard: XML is required, JSON is offered too
// (and named in the discovery document).
const (
	FormatXML  = "xml"
	FormatJSON = "json"
)

// MIME types, as the standard writes them.
const (
	MimeXML  = "text/xml"
	MimeJSON = "application/json"
)

// Specification is the token of the standard in the discovery document.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// splitFormat splits "services.xml" into "services" and "xml"; an unknown
// format yields "".
func splitFormat(file string) (name, format string) {
	i := strings.LastIndexByte(file, '.')
	if i <= 0 {
		return file, ""
	}
	name, format = file[:i], strings.ToLower(file[i+1:])
	if format != FormatXML && format != FormatJSON {
		return name, ""
	}
	return name, format
}

// Time renders a time as the standard wants: W3C date-time with the offset,
// that of the city's zone (WIB +07:00, WITA +08:00, WIT +09:00).
func Time(loc *time.Location, t time.Time) string { return t.In(loc).Format(time.RFC3339) }

// ParseTime reads a W3C date-time; the zone (Z or ±hh:mm) is required, as
// the standard says. It forgives what clients commonly get wrong: a "+"
// of the offset that arrived as a space (not URL-encoded in a query),
// and a lower-case t or z.
func ParseTime(s string) (time.Time, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if n := len(s); n > 6 && s[n-6] == ' ' && s[n-3] == ':' {
		s = s[:n-6] + "+" + s[n-5:]
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDateParam reads a date filter (start_date, end_date): a date-time
// as ParseTime does, or a date alone, read in the city's zone as the
// start of that day or, for an end, its last moment.
func parseDateParam(s string, end bool, loc *time.Location) (time.Time, bool) {
	if t, ok := ParseTime(s); ok {
		return t, true
	}
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}, false
	}
	if end {
		return d.AddDate(0, 0, 1).Add(-time.Millisecond), true
	}
	return d, true
}

// write renders v (JSON) or x (XML, with its root element) with the right
// content type. Both are built in full before anything is written, so a
// failure is still a clean error.
func write(w http.ResponseWriter, format string, status int, v any, x any) error {
	ct, body, err := encode(format, v, x)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}

// encode renders v (JSON) or x (XML) and names its content type; an answer
// recorded for an Idempotency-Key is encoded here, before it is sent.
func encode(format string, v any, x any) (contentType string, body []byte, err error) {
	var buf bytes.Buffer
	if format == FormatJSON {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(true)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return "", nil, err
		}
		return MimeJSON + "; charset=utf-8", buf.Bytes(), nil
	}
	buf.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return "", nil, err
	}
	buf.WriteByte('\n')
	return MimeXML + "; charset=utf-8", buf.Bytes(), nil
}

// Discovery is the service discovery document.
type Discovery struct {
	XMLName    xml.Name   `xml:"discovery" json:"-"`
	Changeset  string     `xml:"changeset" json:"changeset"`
	Contact    string     `xml:"contact" json:"contact"`
	KeyService string     `xml:"key_service" json:"key_service"`
	Endpoints  []Endpoint `xml:"endpoints>endpoint" json:"endpoints"`
}

// Endpoint is one API endpoint in the discovery document.
type Endpoint struct {
	Specification string   `xml:"specification" json:"specification"`
	URL           string   `xml:"url" json:"url"`
	Changeset     string   `xml:"changeset" json:"changeset"`
	Type          string   `xml:"type" json:"type"`
	Formats       []string `xml:"formats>format" json:"formats"`
}

// ServiceJSON is one service of GET services.
type ServiceJSON struct {
	ServiceCode string `xml:"service_code" json:"service_code"`
	ServiceName string `xml:"service_name" json:"service_name"`
	Description string `xml:"description" json:"description"`
	Metadata    bool   `xml:"metadata" json:"metadata"`
	Type        string `xml:"type" json:"type"`
	Keywords    string `xml:"keywords" json:"keywords"`
	Group       string `xml:"group" json:"group"`
}

type servicesXML struct {
	XMLName  xml.Name      `xml:"services"`
	Services []ServiceJSON `xml:"service"`
}

// DefinitionJSON is a service definition.
type DefinitionJSON struct {
	XMLName     xml.Name        `xml:"service_definition" json:"-"`
	ServiceCode string          `xml:"service_code" json:"service_code"`
	Attributes  []AttributeJSON `xml:"attributes>attribute" json:"attributes"`
}

// AttributeJSON is one attribute of a service definition.
type AttributeJSON struct {
	Variable            bool        `xml:"variable" json:"variable"`
	Code                string      `xml:"code" json:"code"`
	Datatype            string      `xml:"datatype" json:"datatype"`
	Required            bool        `xml:"required" json:"required"`
	DatatypeDescription *string     `xml:"datatype_description" json:"datatype_description"`
	Order               int         `xml:"order" json:"order"`
	Description         string      `xml:"description" json:"description"`
	Values              []ValueJSON `xml:"values>value" json:"values,omitempty"`
}

// ValueJSON is one choice of a list attribute.
type ValueJSON struct {
	Key  string `xml:"key" json:"key"`
	Name string `xml:"name" json:"name"`
}

// CreatedJSON answers POST requests.
type CreatedJSON struct {
	ServiceRequestID *string `xml:"service_request_id,omitempty" json:"service_request_id,omitempty"`
	Token            *string `xml:"token,omitempty" json:"token,omitempty"`
	ServiceNotice    *string `xml:"service_notice,omitempty" json:"service_notice,omitempty"`
	AccountID        *string `xml:"account_id,omitempty" json:"account_id,omitempty"`
}

type createdXML struct {
	XMLName  xml.Name      `xml:"service_requests"`
	Requests []CreatedJSON `xml:"request"`
}

// TokenJSON answers GET tokens.
type TokenJSON struct {
	ServiceRequestID string `xml:"service_request_id" json:"service_request_id"`
	Token            string `xml:"token" json:"token"`
}

type tokensXML struct {
	XMLName  xml.Name    `xml:"service_requests"`
	Requests []TokenJSON `xml:"request"`
}

// RequestJSON is one service request of GET requests. Optional fields are
// null in JSON and empty elements in XML when there is nothing to say.
type RequestJSON struct {
	ServiceRequestID  string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       *string  `xml:"status_notes" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       *string  `xml:"description" json:"description"`
	AgencyResponsible *string  `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     *string  `xml:"service_notice" json:"service_notice"`
	RequestedDatetime string   `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   string   `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  *string  `xml:"expected_datetime" json:"expected_datetime"`
	Address           *string  `xml:"address" json:"address"`
	AddressID         *string  `xml:"address_id" json:"address_id"`
	Zipcode           *string  `xml:"zipcode" json:"zipcode"`
	Lat               *float64 `xml:"lat" json:"lat"`
	Long              *float64 `xml:"long" json:"long"`
	MediaURL          *string  `xml:"media_url" json:"media_url"`
	// Extensions (extensions=true).
	Attributes         []RequestAttribute  `xml:"attributes>attribute,omitempty" json:"attributes,omitempty"`
	ExtendedAttributes *ExtendedAttributes `xml:"extended_attributes,omitempty" json:"extended_attributes,omitempty"`
	Notes              []Note              `xml:"notes>note,omitempty" json:"notes,omitempty"`
}

// MarshalXML writes a request with every standard element present (empty
// when null), as the standard's examples show.
func (r RequestJSON) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	type plain struct {
		ServiceRequestID   string              `xml:"service_request_id"`
		Status             string              `xml:"status"`
		StatusNotes        string              `xml:"status_notes"`
		ServiceName        string              `xml:"service_name"`
		ServiceCode        string              `xml:"service_code"`
		Description        string              `xml:"description"`
		AgencyResponsible  string              `xml:"agency_responsible"`
		ServiceNotice      string              `xml:"service_notice"`
		RequestedDatetime  string              `xml:"requested_datetime"`
		UpdatedDatetime    string              `xml:"updated_datetime"`
		ExpectedDatetime   string              `xml:"expected_datetime"`
		Address            string              `xml:"address"`
		AddressID          string              `xml:"address_id"`
		Zipcode            string              `xml:"zipcode"`
		Lat                string              `xml:"lat"`
		Long               string              `xml:"long"`
		MediaURL           string              `xml:"media_url"`
		Attributes         *attributesXML      `xml:"attributes,omitempty"`
		ExtendedAttributes *ExtendedAttributes `xml:"extended_attributes,omitempty"`
		Notes              *notesXML           `xml:"notes,omitempty"`
	}
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	x := plain{r.ServiceRequestID, r.Status, s(r.StatusNotes), r.ServiceName, r.ServiceCode, s(r.Description),
		s(r.AgencyResponsible), s(r.ServiceNotice), r.RequestedDatetime, r.UpdatedDatetime, s(r.ExpectedDatetime), s(r.Address),
		s(r.AddressID), s(r.Zipcode), f(r.Lat), f(r.Long), s(r.MediaURL), nil, r.ExtendedAttributes, nil}
	if r.Attributes != nil {
		x.Attributes = &attributesXML{r.Attributes}
	}
	if r.Notes != nil {
		x.Notes = &notesXML{r.Notes}
	}
	return e.EncodeElement(x, start)
}

type attributesXML struct {
	Items []RequestAttribute `xml:"attribute"`
}

type notesXML struct {
	Items []Note `xml:"note"`
}

// RequestAttribute is a value given for a service attribute (extension).
type RequestAttribute struct {
	Code  string `xml:"code" json:"code"`
	Label string `xml:"label" json:"label"`
	Value string `xml:"value" json:"value"`
	Name  string `xml:"name" json:"name"` // the choice's name for list attributes
}

// ExtendedAttributes are this system's own fields of a request (extension).
type ExtendedAttributes struct {
	Channel       string `xml:"channel" json:"channel"`
	StatusCode    string `xml:"status_code" json:"status_code"` // the SOP status
	KelurahanCode string `xml:"kelurahan_code" json:"kelurahan_code"`
	Kelurahan     string `xml:"kelurahan" json:"kelurahan"`
	Kecamatan     string `xml:"kecamatan" json:"kecamatan"`
	Priority      string `xml:"priority" json:"priority"`
}

// Note is one entry of a request's update history (extension).
type Note struct {
	Datetime    string `xml:"datetime" json:"datetime"`
	Description string `xml:"description" json:"description"`
	Type        string `xml:"type" json:"type"`
}

type requestsXML struct {
	XMLName  xml.Name      `xml:"service_requests"`
	Requests []RequestJSON `xml:"request"`
}

// UpdateJSON is one update of GET servicerequestupdates (FixMyStreet).
type UpdateJSON struct {
	UpdateID         string `xml:"update_id" json:"update_id"`
	ServiceRequestID string `xml:"service_request_id" json:"service_request_id"`
	Status           string `xml:"status" json:"status"`
	UpdatedDatetime  string `xml:"updated_datetime" json:"updated_datetime"`
	Description      string `xml:"description" json:"description"`
	MediaURL         string `xml:"media_url" json:"media_url"`
}

type updatesXML struct {
	XMLName xml.Name     `xml:"service_request_updates"`
	Updates []UpdateJSON `xml:"request_update"`
}

// UpdateCreatedJSON answers POST servicerequestupdates.
type UpdateCreatedJSON struct {
	UpdateID string `xml:"update_id" json:"update_id"`
}

type updateCreatedXML struct {
	XMLName xml.Name            `xml:"service_request_updates"`
	Updates []UpdateCreatedJSON `xml:"request_update"`
}

// ErrorJSON is one error of an error response.
type ErrorJSON struct {
	Code        int    `xml:"code" json:"code"`
	Description string `xml:"description" json:"description"`
}

type errorsXML struct {
	XMLName xml.Name    `xml:"errors"`
	Errors  []ErrorJSON `xml:"error"`
}
