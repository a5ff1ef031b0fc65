package i18n

// consoleMessages are the strings of the console's work queue, clocks and glossary: {Indonesian, English}.
var consoleMessages = map[string][2]string{
	"console.err.no_page":        {"Halaman ini tidak ada. Periksa alamatnya, atau kembali ke halaman awal.", "This page does not exist. Check the address, or go back to the start page."},
	"console.queue.sort":         {"Urutan", "Order"},
	"console.queue.sort_urgent":  {"Paling mendesak dulu", "Most urgent first"},
	"console.queue.sort_new":     {"Terbaru dulu", "Newest first"},
	"console.queue.only_darurat": {"Hanya darurat", "Emergencies only"},
}
