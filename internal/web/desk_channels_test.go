package web

import (
	"slices"
	"testing"

	"github.com/kotakita/aduan"
)

// TestDeskChannelsLeaveLaporToItsPage: the desk offers every channel a
// caller can use but not SP4N-LAPOR!, whose reports are registered with
// their tracking ID on their own page.
func TestDeskChannelsLeaveLaporToItsPage(t *testing.T) {
	got := deskChannels()
	if slices.Contains(got, aduan.ChannelLapor) {
		t.Errorf("the desk offers the lapor channel: %v", got)
	}
	if len(got) != len(aduan.Channels)-1 || !slices.Contains(got, aduan.ChannelPhone) {
		t.Errorf("desk channels %v, want all but lapor of %v", got, aduan.Channels)
	}
}
