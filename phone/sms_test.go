package phone_test

import (
	"testing"

	"github.com/contactrules/contactrules/phone"
)

func TestMayTakeSMS(t *testing.T) {
	for ty, want := range map[phone.Type]bool{
		phone.Unknown: true, phone.FixedLine: false, phone.Mobile: true, phone.FixedLineOrMobile: true,
		phone.TollFree: false, phone.PremiumRate: false, phone.SharedCost: false, phone.VoIP: true,
		phone.PersonalNumber: true, phone.Pager: false, phone.UAN: false, phone.Voicemail: false,
	} {
		if got := ty.MayTakeSMS(); got != want {
			t.Errorf("%v.MayTakeSMS() = %v, want %v", ty, got, want)
		}
	}
}
