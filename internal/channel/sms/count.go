// Package sms sends and receives SMS through Kannel's HTTP interface
// (cgi-bin/sendsms with delivery reports; MO messages via an sms-service
// get-url), and counts how many parts a text takes.
package sms

import (
	"unicode/utf16"
)

// Encoding is how an SMS text is coded on the air.
type Encoding string

// The encodings. GSM-7 packs 160 characters into one SMS; any character
// outside its alphabet forces UCS-2, with 70.
const (
	GSM7 Encoding = "GSM-7"
	UCS2 Encoding = "UCS-2"
)

// Per-part capacities. A concatenated message loses room to its header:
// 153 septets or 67 UTF-16 units per part.
const (
	GSM7Single = 160
	GSM7Multi  = 153
	UCS2Single = 70
	UCS2Multi  = 67
)

// gsmBasic is the GSM 03.38 default alphabet (one septet each).
var gsmBasic = map[rune]bool{}

// gsmExtension holds the characters reached through the escape code: two
// septets each.
var gsmExtension = map[rune]bool{'\f': true, '^': true, '{': true, '}': true, '\\': true, '[': true, '~': true, ']': true, '|': true, '€': true}

func init() {
	const basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	for _, r := range basic {
		gsmBasic[r] = true
	}
}

// Count is how a text fits into SMS.
type Count struct {
	Encoding Encoding `json:"encoding"`
	// Units are septets (GSM-7, an extension character counting two) or
	// UTF-16 code units (UCS-2, a character outside the BMP counting two).
	Units     int `json:"units"`
	Parts     int `json:"parts"`
	PerPart   int `json:"per_part"`
	Remaining int `json:"remaining"` // units left in the last part
}

// CountText counts the parts text takes. An empty text is one part. A
// character that takes two units (a GSM-7 escape pair, a UTF-16 surrogate
// pair) is never split across two parts, as phones and Kannel do.
func CountText(text string) Count {
	costs := make([]int, 0, len(text))
	gsm := true
	for _, r := range text {
		switch {
		case gsmBasic[r]:
			costs = append(costs, 1)
		case gsmExtension[r]:
			costs = append(costs, 2)
		default:
			gsm = false
		}
		if !gsm {
			break
		}
	}
	if gsm {
		return fit(GSM7, costs, GSM7Single, GSM7Multi)
	}
	costs = costs[:0]
	for _, r := range text {
		costs = append(costs, len(utf16.Encode([]rune{r})))
	}
	return fit(UCS2, costs, UCS2Single, UCS2Multi)
}

func fit(enc Encoding, costs []int, single, multi int) Count {
	units := 0
	for _, c := range costs {
		units += c
	}
	c := Count{Encoding: enc, Units: units, Parts: 1, PerPart: single, Remaining: single - units}
	if units <= single {
		return c
	}
	c.PerPart = multi
	used := 0
	for _, k := range costs {
		if used+k > multi {
			c.Parts++
			used = 0
		}
		used += k
	}
	c.Remaining = multi - used
	return c
}

// GSMEncodable reports whether every character of text is in the GSM-7
// alphabet (basic or extension).
func GSMEncodable(text string) bool {
	for _, r := range text {
		if !gsmBasic[r] && !gsmExtension[r] {
			return false
		}
	}
	return true
}
