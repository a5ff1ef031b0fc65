package aduan

import (
	"net/mail"
	"strconv"
	"strings"
)

// The checks of a value that every surface takes in the same form (the
// console, the API, Open311, the public forms, the store): one rule each,
// so that a value one surface accepts is not refused by another.

// CheckEmail returns the message key for an e-mail address that is not one
// plain address (no display name, no angle brackets) of at most
// MaxEmailLen bytes, or "" when it is one. An empty address is the
// caller's to require or not.
func CheckEmail(email string) string {
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > MaxEmailLen {
		return "err.field.email"
	}
	return ""
}

// CheckLatLng returns the message key for a location that is half given
// (one coordinate without the other) or out of range (NaN never is in
// range), or "" when it is none or a point on the earth.
func CheckLatLng(lat, lng *float64) string {
	switch {
	case (lat == nil) != (lng == nil):
		return "err.field.latlng_pair"
	case lat != nil && !(*lat >= -90 && *lat <= 90 && *lng >= -180 && *lng <= 180):
		return "err.field.latlng_range"
	}
	return ""
}

// ParseLatLng reads a location given as two texts (a form's fields, a
// GeoReport client's lat and long): both empty is none; otherwise both
// must be numbers and pass CheckLatLng. key is "" when the location is
// good (or none), else the message key.
func ParseLatLng(latText, lngText string) (lat, lng *float64, key string) {
	latText, lngText = strings.TrimSpace(latText), strings.TrimSpace(lngText)
	if latText == "" && lngText == "" {
		return nil, nil, ""
	}
	if latText == "" || lngText == "" {
		return nil, nil, "err.field.latlng_pair"
	}
	la, err1 := strconv.ParseFloat(latText, 64)
	ln, err2 := strconv.ParseFloat(lngText, 64)
	if err1 != nil || err2 != nil {
		return nil, nil, "err.field.latlng_range"
	}
	if key := CheckLatLng(&la, &ln); key != "" {
		return nil, nil, key
	}
	return &la, &ln, ""
}
