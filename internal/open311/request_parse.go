package open311

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/store"
)

// parseRequest reads a POSTed service request of service svc into the
// complaint it files and its Open311 source (the caller adds the key and
// the address it came from). A form it accepts passes the complaint's own
// validation, or fails it only on fields the client sent (FuzzRequestForm);
// otherwise it returns every field's problem, named as the standard names
// them.
func (h *Handler) parseRequest(p *params, svc *store.Service) (aduan.NewComplaint, *store.ComplaintSource, error) {
	in := aduan.NewComplaint{Channel: aduan.ChannelOpen311, CategoryID: svc.CategoryID, Confidentiality: aduan.Public}
	src := &store.ComplaintSource{DeviceID: limit(p.str("device_id"), 200), AccountID: limit(p.str("account_id"), 200)}

	// Location: lat and long, or address_string, or address_id.
	latS, lngS := p.str("lat"), p.str("long")
	addr, addrID := p.str("address_string"), p.str("address_id")
	if latS != "" || lngS != "" {
		lat, lng, key := aduan.ParseLatLng(latS, lngS)
		switch key {
		case "":
			in.Lat, in.Lng = lat, lng
		case "err.field.latlng_pair":
			// GeoReport's own words: its fields are lat and long.
			p.bad("lat", "o311.err.latlong_pair")
		default:
			p.bad("lat", key)
		}
	} else if addr == "" && addrID == "" {
		p.bad("location", "o311.err.location")
	}
	if addr != "" {
		if utf8.RuneCountInString(addr) > aduan.MaxAddressLen {
			p.bad("address_string", "err.field.too_long", aduan.MaxAddressLen)
		}
		in.Address = addr
	}
	if addrID != "" {
		in.KelurahanCode, src.AddressID = addrID, addrID
	}

	// A description that looks like HTML ("Kabel <PLN> putus") is text:
	// it is kept as sent and escaped wherever it is shown. One longer than
	// a complaint's text (FixMyStreet's extended description) is taken up
	// to MaxDescription; what does not fit the text follows as notes.
	desc := strings.ReplaceAll(p.str("description"), "\r\n", "\n")
	if utf8.RuneCountInString(desc) > MaxDescription {
		p.bad("description", "err.field.too_long", MaxDescription)
	}
	desc, src.Continued = splitDescription(desc)
	if media := p.str("media_url"); media != "" {
		u, err := url.Parse(media)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(media) > 2000 {
			p.bad("media_url", "o311.err.media_url")
		} else {
			src.MediaURL = media
		}
	}

	// The caller's name is checked here, by the parameter it came in, as
	// the complaint would check it whole.
	for _, f := range []string{"first_name", "last_name"} {
		if controlChars(p.str(f)) {
			p.bad(f, "err.field.control_chars")
		}
	}
	cz := &aduan.CitizenInput{Name: strings.TrimSpace(p.str("first_name") + " " + p.str("last_name")), Phone: p.str("phone"), Email: p.str("email")}
	if utf8.RuneCountInString(strings.Join(strings.Fields(cz.Name), " ")) > aduan.MaxNameLen {
		f := "first_name"
		if p.str("first_name") == "" {
			f = "last_name"
		}
		p.bad(f, "err.field.too_long", aduan.MaxNameLen)
	}
	if cz.Email != "" {
		if key := aduan.CheckEmail(cz.Email); key != "" {
			p.bad("email", key)
		}
	}
	// A phone the call center cannot dial or text does not cost the
	// citizen their report: it is kept, as sent, in a line of the text for
	// the operator to read, and the citizen is recorded without it.
	var badPhone string
	if cz.Phone != "" {
		if _, err := phone.Parse(cz.Phone); err != nil {
			badPhone, cz.Phone = limit(strings.Map(printable, cz.Phone), 64), ""
		}
	}
	if !cz.Empty() {
		in.Citizen = cz
	}

	answers := h.attributes(p, svc)
	src.Attributes = answers
	if err := p.errs.Err(); err != nil {
		return in, nil, err
	}
	in.Text = desc
	if in.Text == "" {
		in.Text = i18n.T(i18n.ID, "o311.text_default", svc.Name)
	}
	if len(answers) > 0 {
		var lines []string
		for _, a := range answers {
			lines = append(lines, a.Code+": "+a.Value)
		}
		in.Text = limit(in.Text+"\n\n"+strings.Join(lines, "\n"), aduan.MaxTextLen)
	}
	if badPhone != "" {
		in.Text = limit(in.Text+"\n\n"+i18n.T(i18n.ID, "o311.phone_unusable", badPhone), aduan.MaxTextLen)
	}
	if svc.Type == store.ServiceBatch {
		src.Token = store.NewRequestToken()
	}
	return in, src, nil
}

// MaxDescription is the longest description a request may carry, in
// characters: FixMyStreet sends its extended description beyond the
// 4000 characters of a complaint's text.
const MaxDescription = 20000

// splitDescription cuts a description longer than a complaint's text into
// the text (with a line saying it goes on) and the notes that follow it,
// at line or word boundaries where there is one near the limit.
func splitDescription(desc string) (string, []string) {
	const room = aduan.MaxTextLen - 200 // room for the attributes and the marker
	if utf8.RuneCountInString(desc) <= aduan.MaxTextLen {
		return desc, nil
	}
	var parts []string
	rest := []rune(desc)
	for len(rest) > 0 {
		n := min(len(rest), room)
		if n < len(rest) {
			if cut := lastBreak(rest[:n]); cut > room/2 {
				n = cut
			}
		}
		parts = append(parts, strings.TrimSpace(string(rest[:n])))
		rest = rest[n:]
	}
	head := parts[0] + "\n\n" + i18n.T(i18n.ID, "o311.desc_continued", len(parts)-1)
	return head, parts[1:]
}

// lastBreak is the index after the last line break or space of r, 0 if none.
func lastBreak(r []rune) int {
	for i := len(r) - 1; i > 0; i-- {
		if r[i] == '\n' || r[i] == ' ' {
			return i + 1
		}
	}
	return 0
}

// controlChars reports whether s holds a control character other than a
// new line or tab, which the complaint's text fields refuse.
func controlChars(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return true
		}
	}
	return false
}
