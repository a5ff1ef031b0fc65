package routing

import "regexp"

// What the model cannot be trusted to learn from a few hundred examples is
// written here as rules, applied after it (Router.Suggest):
//
//  1. the data notes' edge cases (a fallen tree is Damkar's emergency, a
//     tree to prune is DLHK's; a street light is Dishub's, a power cut
//     PLN's; SMA/SMK admissions are the province's) set both the category
//     and the agency;
//  2. an agency or institution the caller names, in the forms callers use,
//     goes first (unless the complaint is about illegal levies or an
//     officer's conduct, which go to the Inspektorat whoever is named);
//  3. otherwise the agency follows the suggested category's responsible
//     agency, unless the agency model is clearly surer than the category
//     model.
//
// Below ManualBelow the panel says "pilih manual" rather than proposing.

// ManualBelow is the confidence of the best agency under which the
// suggestion is shown as a hint only and the operator picks by hand.
const ManualBelow = 0.35

// edgeRule is one of the data notes' edge cases.
type edgeRule struct {
	re       *regexp.Regexp
	not      *regexp.Regexp // the rule does not apply when this matches too
	category string
	agency   string
}

var edgeRules = []edgeRule{
	{re: regexp.MustCompile(`\bpohon\w*\b.{0,40}\b(tumbang|roboh|rubuh|ambruk|patah.{0,15}(menimpa|nimpa|nutup|menutup))|\b(tumbang|roboh|rubuh)\b.{0,25}\bpohon`),
		not:      regexp.MustCompile(`\b(rawan|hampir|nyaris|mau|bisa|takut|khawatir|akan|sebelum|berpotensi|potensi)\s+(tumbang|roboh|rubuh|ambruk)`),
		category: "POHON_TUMBANG", agency: "DISDAMKAR"},
	{re: regexp.MustCompile(`\b(pangkas|dipangkas|pemangkasan|memangkas|potong|ditebang|tebang|penebangan|rapikan|dirapikan)\b.{0,40}\b(pohon|dahan|ranting)|\b(pohon|dahan|ranting)\b.{0,50}\b(rawan|rapuh|miring|condong|pangkas|dipangkas|ditebang|tebang|potong)\b`),
		category: "POHON_TAMAN", agency: "DLHK"},
	{re: regexp.MustCompile(`\b(listrik (\w+ )?(padam|mati|byar ?pet|putus)|mati listrik|pemadaman( listrik| bergilir)?|mati lampu|token (listrik|pln)|meteran (listrik|pln)|kabel pln|tiang pln|gardu( listrik| pln)?|trafo)\b`),
		category: "LISTRIK_PLN", agency: "PLN-UP3-DEPOK"},
	{re: regexp.MustCompile(`\b(pju|lampu (jalan|jln|penerangan|pju|gang|jalanan)|penerangan jalan|lampu\s+(di\s+)?tiang)\b`),
		not: regexp.MustCompile(`\b(lampu merah|apill|traffic light)\b`), category: "PJU", agency: "DISHUB"},
	{re: smaRe,
		category: "PENDIDIKAN", agency: "DISDIK-JABAR"},
	{re: conductRe, category: "PUNGLI_ASN", agency: "INSPEKTORAT"},
	{re: askedMoneyRe, category: "PUNGLI_ASN", agency: "INSPEKTORAT"},
}

// smaRe: the province runs SMA, SMK and SLB (the data notes: "SMA/SMK
// bukan kewenangan kota"), so a matter of such a school, its admissions,
// fees, diplomas or teachers, is the province's; the school named alone
// (a pupil's age) is not enough.
var smaRe = regexp.MustCompile(`\b(sma|smk|slb|sman|smkn|slbn)\b.{0,60}\b(negeri|daftar|pendaftaran|ppdb|spmb|zonasi|afirmasi|penerimaan|keterima|diterima|ditolak|kuota|jalur|ijazah|seragam|pungut\w*|pungutan|sumbangan|spp|biaya|komite|daftar ulang|guru)\b|\b(daftar|pendaftaran|ppdb|spmb|zonasi|penerimaan|masuk|ijazah|sumbangan|pungutan)\b.{0,60}\b(sma|smk|slb|sman|smkn|slbn)\b`)

// conductRe: illegal levies, brokers and officers' conduct go to the
// Inspektorat even when the office where it happened is named.
var conductRe = regexp.MustCompile(`\b(pungli|pungutan liar|calo|uang pelicin|suap|sogok|gratifikasi|asn kampanye|netralitas)\b`)

// askedMoneyRe: being asked for money is an illegal levy only when an
// officer or a government office asks (a fraudster, an RW head or a
// school asking is another matter: the police, the kelurahan, the
// education office).
var askedMoneyRe = regexp.MustCompile(`\b(petugas|oknum|pegawai|asn|pns|staf|lurah|camat|loket|kantor (kelurahan|kecamatan|dinas)|dukcapil|capil)\b.{0,60}\b(minta|dimintai|dimintain|diminta|narik|menarik)\s+(uang|duit|biaya|bayaran|rp|\d)|\b(dimintai|dimintain|diminta)\s+(uang|duit|\d).{0,40}\b(petugas|oknum|pegawai|asn|pns|lurah|camat)\b`)

// isConduct: the text reports an officer's conduct or an illegal levy.
func isConduct(low string) bool { return conductRe.MatchString(low) || askedMoneyRe.MatchString(low) }

// edgeCase returns the first edge rule the text meets, or nil.
func edgeCase(low string) *edgeRule {
	for i := range edgeRules {
		r := &edgeRules[i]
		if r.re.MatchString(low) && (r.not == nil || !r.not.MatchString(low)) {
			return r
		}
	}
	return nil
}

// promote puts the choice with code first, at least at confidence min;
// build makes it when the list does not hold it.
func promote(list []Choice, code string, min float64, build func(code string) (Choice, bool)) []Choice {
	var ch Choice
	found := false
	out := make([]Choice, 0, len(list)+1)
	for _, c := range list {
		if c.Code == code && !found {
			ch, found = c, true
			continue
		}
		out = append(out, c)
	}
	if !found {
		var ok bool
		if ch, ok = build(code); !ok {
			return list
		}
	}
	if ch.Confidence < min {
		ch.Confidence = min
	}
	// The others cannot stay surer than the one put first.
	for i := range out {
		if out[i].Confidence > ch.Confidence {
			out[i].Confidence = ch.Confidence
		}
	}
	return append([]Choice{ch}, out...)
}
