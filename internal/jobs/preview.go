package jobs

import (
	"context"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/errctx"
	"github.com/kotakita/aduan/internal/store"
)

// AnswerSlot is left in a relay preview where the answer being typed goes.
const AnswerSlot = "{jawaban}"

// Preview is the SMS a step would send the citizen, shown to the operator
// before the step is taken, with its length in parts.
type Preview struct {
	// Text is the SMS as it would go; a relay's keeps AnswerSlot for the
	// answer the operator is still typing.
	Text  string
	Count sms.Count
	// MaxParts is the most parts the setting allows (1 when long SMS are
	// refused).
	MaxParts int
	// Problem is a catalogue key saying why the SMS would not go (no
	// number); empty when it would.
	Problem string
}

// PreviewSMS renders the SMS that a step would send for complaint c, the
// way the step itself renders it (same template, same variables): the
// identity request of SOP step 3 or the relay of step 10. It returns nil
// for any other step, and for a relay that goes by e-mail. missing lists
// the identity fields to ask for.
func PreviewSMS(ctx context.Context, st *store.Store, c *aduan.Complaint, act aduan.Action, missing []string) (_ *Preview, err error) {
	defer errctx.Wrap(&err, "PreviewSMS(%v)", act)
	var key string
	switch act {
	case aduan.ActionRequestIdentity:
		key = channel.TplRequestIdentity
	case aduan.ActionRelay:
		if c.Channel == aduan.ChannelEmail && c.Citizen != nil && c.Citizen.Email != "" {
			return nil, nil
		}
		key = channel.TplRelay
	default:
		return nil, nil
	}
	settings := aduan.DefaultSettings()
	stored, err := st.RefData().Settings(ctx)
	if err != nil {
		return nil, err
	}
	for k, v := range stored {
		settings[k] = v
	}
	tpl, err := st.Messages().Template(ctx, aduan.System, key)
	if err != nil {
		return nil, err
	}
	v := vars(c, settings, false)
	v["kurang"] = missingWords(missing)
	if act == aduan.ActionRelay {
		v["jawaban"] = AnswerSlot
	}
	text, _ := channel.Render(tpl.Body, v)
	p := &Preview{Text: text, Count: sms.CountText(text), MaxParts: MaxSMSParts}
	if settings[SettingLongSMS] == "refuse" {
		p.MaxParts = 1
	}
	if c.Citizen == nil || !c.Citizen.Phone.Mobile() {
		p.Problem = "msg.no_phone"
	}
	return p, nil
}
