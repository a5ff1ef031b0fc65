package reqctx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/kotakita/aduan"
)

// MaxBody is the largest JSON body accepted.
const MaxBody = 1 << 20

// Decode reads exactly one JSON object from r's body into v, strictly:
// unknown fields, wrong types, trailing data, a wrong content type and an
// oversize body are each a clear 4xx naming the problem.
func Decode(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return aduan.Errorf(aduan.EUNSUPPORTED, "err.content_type")
	}
	return DecodeReader(http.MaxBytesReader(nil, r.Body, MaxBody), v)
}

// DecodeReader is Decode without the HTTP parts, for tests and fuzzing.
func DecodeReader(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", MaxBody/1024)
		}
		return aduan.Errorf(aduan.EINVALID, "err.json_trailing")
	}
	return nil
}

func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return aduan.Errorf(aduan.EINVALID, "err.json_empty")
	case errors.As(err, &mbe):
		return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", MaxBody/1024)
	case errors.As(err, &se):
		return aduan.Errorf(aduan.EINVALID, "err.json", fmt.Sprintf("offset %d", se.Offset))
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "(body)"
		}
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
			Fields: []aduan.FieldError{{Field: field, Key: "err.json_type", Args: []any{field, jsonTypeName(te.Type.Kind().String())}}}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return aduan.Errorf(aduan.EINVALID, "err.json", "unexpected end")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: f, Key: "err.json_field", Args: []any{f}}}}
	}
	return aduan.Errorf(aduan.EINVALID, "err.json", "invalid")
}

func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "number"
	case kind == "string":
		return "string"
	case kind == "bool":
		return "true/false"
	case kind == "slice":
		return "array"
	}
	return "object"
}
