package i18n

// laporMessages are the strings of SP4N-LAPOR! and Open311 configuration: {Indonesian, English}.
var laporMessages = map[string][2]string{
	"channel.lapor": {"SP4N-LAPOR!", "SP4N-LAPOR!"},
}
