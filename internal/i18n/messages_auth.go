package i18n

// authMessages are the strings of log-in, tokens, sessions and lock-out: {Indonesian, English}.
var authMessages = map[string][2]string{
	"err.must_change_password": {"Kata sandi akun ini harus diganti dulu. Ganti lewat POST %s (old_password, password) atau di konsol (Akun), lalu ulangi permintaan ini.",
		"This account's password must be changed first. Change it with POST %s (old_password, password) or in the console (Account), then repeat this request."},
	"err.token.service_only": {"Token API untuk pengguna lain hanya dapat dibuat bagi akun layanan (integrasi), bukan bagi orang. Setiap orang membuat tokennya sendiri.",
		"API tokens for another user can be made only for service accounts (integrations), not for people. Everyone makes their own tokens."},
	"err.login_wait": {"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d detik.",
		"Too many failed log-in attempts. Try again in %d seconds."},
	"err.sse_limit": {"Terlalu banyak tab atau jendela yang membuka pembaruan langsung (paling banyak %d per pengguna). Tutup salah satu, lalu muat ulang.",
		"Too many tabs or windows are open with live updates (at most %d per user). Close one, then reload."},
	"err.metrics_token":       {"Metrik memerlukan token metrik (Authorization: Bearer).", "Metrics need the metrics token (Authorization: Bearer)."},
	"web.admin.service":       {"Akun layanan (integrasi, hanya token API)", "Service account (integration, API tokens only)"},
	"web.admin.service_mark":  {"layanan", "service"},
	"web.admin.service_token": {"Token baru untuk akun layanan", "New token for a service account"},
}
