// A report's PDF signatures: the paraf block with the signed content's
// SHA-256, the optional "Mengetahui" block, and NIPs as they are printed.

package render

import (
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// parafBlock is the signature block: who prepared it, who initialled it
// and when, and the SHA-256 of the signed content with where to check it.
// A daily report has one signature, so its verification text sits beside
// it and a day's report keeps to one page.
func (pd *pdfDoc) parafBlock() {
	p := pd.p
	r := pd.Report
	need := 50.0
	if r.Kind == report.Daily {
		need = 34
	}
	if p.GetY()+need > pageH-20 {
		p.AddPage()
	}
	p.Ln(4)
	colW := bodyW / 2
	if r.Kind == report.Monthly {
		// The place-and-date line over the signatures, right-aligned.
		pd.font("", 9, colInk)
		p.SetX(margin + colW)
		p.CellFormat(colW-4, 5, pd.placeDate(), "", 1, "L", false, 0, "")
		p.Ln(1)
	}
	y := p.GetY()
	bottom := y
	box := func(x float64, title, role, name string, userID int64, when string) {
		p.SetXY(x, y)
		pd.font("B", 8.5, colInk)
		p.CellFormat(colW-4, 5, title, "", 2, "L", false, 0, "")
		pd.font("", 8, colMuted)
		p.CellFormat(colW-4, 4.5, role, "", 2, "L", false, 0, "")
		p.Ln(8)
		p.SetX(x)
		pd.font("B", 9, colInk)
		if name == "" {
			name = "(………………………………)"
		}
		p.CellFormat(colW-4, 5, name, "T", 2, "L", false, 0, "")
		// The NIP under the name, as on every signed office document.
		if nip := pd.Settings.NIPs[userID]; nip != "" && userID != 0 {
			p.SetX(x)
			pd.font("", 8.5, colInk)
			p.CellFormat(colW-4, 4.5, pd.t("rep.paraf.nip", FormatNIP(nip)), "", 2, "L", false, 0, "")
		}
		p.SetX(x)
		pd.font("", 8, colMuted)
		p.CellFormat(colW-4, 4.5, when, "", 2, "L", false, 0, "")
		if p.GetY() > bottom {
			bottom = p.GetY()
		}
	}
	submitted := ""
	if !pd.Draft {
		submitted = i18n.DateTime(pd.Lang, parseRFC(pd.Content.Submitted))
	}
	hashX, hashW := margin, bodyW
	if r.Kind == report.Daily {
		box(margin+colW, pd.t("rep.paraf.made_by"), pd.t("role.operator_cc"), pd.Content.Owner, r.OwnerID, submitted)
		p.SetXY(margin, y)
		hashW = colW - 6
	} else {
		box(margin, pd.t("rep.paraf.prepared_by"), pd.t("role.koordinator_cc"), pd.Content.Owner, r.OwnerID, submitted)
		parafName, parafBy, parafWhen := "", int64(0), pd.t("rep.paraf.pending")
		if r.Status == report.StatusComplete && !pd.Draft {
			parafName, parafBy, parafWhen = r.ParafName, r.ParafBy, pd.t("rep.paraf.initialled_at", i18n.DateTime(pd.Lang, r.ParafAt.In(r.Loc())))
		}
		box(margin+colW, pd.t("rep.paraf.checked_by"), pd.t("role.kasi_kabid"), parafName, parafBy, parafWhen)
		// The paraf box: the Kasi's initials on a printed copy.
		pd.font("", 7, colMuted)
		p.Rect(margin+bodyW-22, y, 20, 12, "D")
		p.SetXY(margin+bodyW-22, y+12)
		p.CellFormat(20, 3.5, pd.t("rep.paraf.box"), "", 0, "C", false, 0, "")
		p.SetXY(margin, bottom+4)
		pd.acknowledged()
	}
	if r.ContentHash != "" && !pd.Draft {
		size := 7.5
		if hashW < bodyW {
			size = 6.3
		}
		p.SetX(hashX)
		pd.font("B", size, colInk)
		p.MultiCell(hashW, 3.8, pd.t("rep.paraf.hash"), "", "L", false)
		p.SetX(hashX)
		pd.font("", size, colInk)
		p.CellFormat(hashW, 3.8, r.ContentHash, "", 1, "L", false, 0, "")
		p.SetX(hashX)
		pd.font("", size-0.5, colMuted)
		p.MultiCell(hashW, 3.3, pd.t("rep.paraf.verify", pd.Settings.VerifyURL), "", "L", false)
	} else {
		p.SetX(hashX)
		pd.font("", 8, colMuted)
		p.MultiCell(hashW, 4, pd.t("rep.paraf.not_final"), "", "L", false)
	}
	if p.GetY() < bottom {
		p.SetY(bottom)
	}
	pd.font("", fontSz, colInk)
}

// acknowledged prints the optional "Mengetahui" block (the head of the
// office, by the setting report_acknowledged_by), centred under the
// signatures with room to sign.
func (pd *pdfDoc) acknowledged() {
	lines := pd.Settings.Acknowledged
	if len(lines) == 0 {
		return
	}
	p := pd.p
	if p.GetY()+34 > pageH-20 {
		p.AddPage()
	}
	pd.font("", 9, colInk)
	p.CellFormat(bodyW, 5, pd.t("rep.paraf.acknowledged"), "", 1, "C", false, 0, "")
	pd.font("", 8.5, colInk)
	p.CellFormat(bodyW, 4.5, lines[0], "", 1, "C", false, 0, "")
	p.Ln(14)
	for i, l := range lines[1:] {
		style := ""
		if i == 0 {
			style = "B"
		}
		if n := aduan.NormalizeNIP(l); i > 0 && aduan.ValidNIP(n) {
			l = pd.t("rep.paraf.nip", FormatNIP(n))
		}
		pd.font(style, 9, colInk)
		p.CellFormat(bodyW, 4.5, l, "", 1, "C", false, 0, "")
	}
	p.Ln(3)
}

// FormatNIP writes a NIP in its parts, as it is printed: 19800101 200501
// 1 001. Anything not a NIP is returned as it is.
func FormatNIP(nip string) string {
	if !aduan.ValidNIP(nip) {
		return nip
	}
	return nip[:8] + " " + nip[8:14] + " " + nip[14:15] + " " + nip[15:]
}
