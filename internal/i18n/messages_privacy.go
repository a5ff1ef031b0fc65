package i18n

// privacyMessages are the strings of personal-data duties (UU 27/2022): retention, data-subject requests, breaches: {Indonesian, English}.
var privacyMessages = map[string][2]string{
	"err.field.range_order": {"Tidak boleh sesudah waktu ditemukan.", "Cannot be after the time it was found."},

	"web.setting.retention_personal_days": {"Retensi identitas pelapor (hari setelah semua pengaduannya selesai; 0 = selamanya)", "Retention of callers' identity (days after all their complaints are done; 0 = for ever)"},
	"web.setting.retention_messages_days": {"Retensi isi pesan SMS/WhatsApp/e-mail (hari; 0 = selamanya)", "Retention of SMS/WhatsApp/e-mail contents (days; 0 = for ever)"},
	"web.setting.retention_photos_days":   {"Retensi foto (hari; 0 = selamanya)", "Retention of photos (days; 0 = for ever)"},
	"web.setting.retention_audit_days":    {"Retensi data pribadi dalam log audit (hari; 0 = selamanya)", "Retention of personal data in the audit log (days; 0 = for ever)"},
	"web.setting.privacy_request_hours":   {"Batas waktu tanggapan permintaan subjek data (jam)", "Deadline to acknowledge a data subject's request (hours)"},
	"web.setting.breach_notify_hours":     {"Batas waktu pemberitahuan kegagalan pelindungan data (jam)", "Deadline to notify a personal-data breach (hours)"},

	"privacy.cli.dry_run":      {"Retensi data pribadi — uji coba per %s, tidak ada yang diubah:", "Personal-data retention — dry run at %s, nothing changed:"},
	"privacy.cli.run":          {"Retensi data pribadi — dijalankan %s:", "Personal-data retention — run at %s:"},
	"privacy.kept_forever":     {"disimpan selamanya", "kept for ever"},
	"privacy.after_days":       {"setelah %s hari", "after %s days"},
	"privacy.count.personal":   {"warga dianonimkan: %s", "citizens anonymised: %s"},
	"privacy.count.complaints": {"(pengaduan: %s)", "(complaints: %s)"},
	"privacy.count.messages":   {"pesan dihapus isinya: %s", "messages emptied: %s"},
	"privacy.count.photos":     {"foto dihapus: %s", "photos deleted: %s"},
	"privacy.count.audit":      {"catatan audit disamarkan: %s", "audit records redacted: %s"},
	"privacy.files_left":       {"%s berkas foto belum terhapus dari penyimpanan (catatannya sudah dihapus)", "%s photo files could not be deleted from storage (their records are gone)"},
}
