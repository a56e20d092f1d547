package phone

// MayTakeSMS reports whether a number of type t may receive SMS: false for
// the types that cannot (FixedLine, TollFree, PremiumRate, SharedCost,
// UAN, Voicemail, Pager), true for the others. FixedLineOrMobile (all of
// the NANP: US, CA, …) is true, since the metadata cannot tell the two
// apart; so are VoIP, PersonalNumber and Unknown, which it does not rule
// out.
func (t Type) MayTakeSMS() bool {
	switch t {
	case FixedLine, TollFree, PremiumRate, SharedCost, UAN, Voicemail, Pager:
		return false
	}
	return true
}
