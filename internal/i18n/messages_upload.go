package i18n

// uploadMessages are the strings of uploads, photo decoding and request bodies: {Indonesian, English}.
var uploadMessages = map[string][2]string{
	// A photo whose header announces more pixels than the service opens
	// (attach.ErrDimensions): a decompression bomb, or a huge picture.
	"upload.err.photo_pixels":      {"Resolusi foto terlalu tinggi untuk dibuka. Kirim foto dengan resolusi lebih kecil, misalnya foto biasa dari kamera ponsel.", "The photo's resolution is too high to open. Send one of a lower resolution, such as an ordinary phone camera photo."},
	"upload.err.photo_pixels_file": {"%s: resolusi foto terlalu tinggi untuk dibuka; kirim dengan resolusi lebih kecil.", "%s: the photo's resolution is too high to open; send it at a lower resolution."},
	// Too many copies posted for checking from one address (/verify).
	"upload.err.verify_limit": {"Terlalu banyak pemeriksaan berkas dari alamat ini. Coba lagi dalam %d menit.", "Too many files checked from this address. Try again in %d minutes."},
	// A request body that stalled or crawled (server/body.go): 408.
	"upload.err.body_slow": {"Kiriman terputus atau terlalu lambat sampai, sehingga tidak diproses. Periksa sambungan Anda, lalu kirim lagi.", "What you sent was cut off or arrived too slowly, so it was not processed. Check your connection, then send it again."},
	// A request whose work did not finish within its deadline: 503.
	"upload.err.deadline": {"Permintaan tidak selesai dalam batas waktu karena layanan sedang lambat. Coba lagi sebentar lagi; periksa dahulu apakah kiriman Anda sudah tercatat.", "The request did not finish in time because the service is slow. Try again shortly; first check whether what you sent was recorded."},
}
