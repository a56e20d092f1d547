package consent

import (
	"github.com/contactrules/contactrules/phone"
)

// smsRegions applies the default of Options.SMSRegions.
func (o Options) smsRegions() phone.Regions {
	if o.SMSRegions.IsZero() {
		return phone.DefaultSMSRegions()
	}
	return o.SMSRegions
}

// A Field is a consent member of a payload as sent. The zero value is an
// absent member; null is the same (SPEC.md section 2), so a patch cannot
// clear a consent.
type Field struct {
	Value string // as sent, not yet parsed
	Set   bool   // the member was present and not null
}

// A Request is the consent part of a create or update payload.
type Request struct {
	Email, SMS Field
	// NoWelcomeSMS is set when send_welcome_sms was false.
	NoWelcomeSMS bool
	// Phone is the phone number the contact has after the request: the
	// payload's, or on update the current one. The zero Number means none
	// (or one that failed its own validation).
	Phone phone.Number
}

// A State is a contact's consent.
type State struct {
	Email Email
	SMS   SMS
}

// Effects are what a request makes happen besides changing the consent
// (SPEC.md section 4). The zero value is nothing.
type Effects struct {
	// WelcomeSMS: the SMS consent became subscribed from another state
	// (or on create), and send_welcome_sms was not false.
	WelcomeSMS bool `json:"welcome_sms"`
	// EmailUnsuppressed: an email consent was written to a contact whose
	// email consent was suppressed; it is unsuppressed first.
	EmailUnsuppressed bool `json:"email_unsuppressed"`
	// DefaultsApplied: the consent fields that took their default on create.
	DefaultsApplied Defaults `json:"defaults_applied"`
}

// Create decides the consent of a new contact: the requested values, with
// never_subscribed for an absent one.
//
// When there are refusals the State and Effects are still those of the
// request with each refused member treated as absent (so a refused field
// reads never_subscribed and counts as defaulted); callers that see
// refusals ignore them. Refusals come email_consent first, then
// sms_consent, at most one each; the slice is nil when there are none.
func Create(r Request, o Options) (State, Effects, []Refusal) {
	return decide(onCreate, State{Email: none, SMS: none}, r, o, nil)
}

// Update decides the consent of an existing contact whose consent is
// current: an absent member leaves its field as it is.
//
// As for [Create], a refused member is treated as absent, so with errors
// the State keeps the current value of each refused field and no effect
// comes from it.
func Update(current State, r Request, o Options) (State, Effects, []Refusal) {
	return decide(onUpdate, current, r, o, nil)
}

// decide evaluates the table for each field; fired, when not nil, is told
// the index of every row that applies (the tests check each row is used).
func decide(on op, current State, r Request, o Options, fired func(int)) (State, Effects, []Refusal) {
	var (
		eff  Effects
		errl []Refusal
		out  [2]string
	)
	cur := [2]string{string(current.Email), string(current.SMS)}
	req := [2]Field{r.Email, r.SMS}
	phoneOK := o.smsRegions().Supports(r.Phone)
	for i, f := range fields {
		in := input{on: on, current: cur[i], requested: f.token(req[i], o), phoneOK: phoneOK, welcome: !r.NoWelcomeSMS}
		// The first refusal that applies is the field's one detail; the
		// member then counts as absent for the state and effects.
		for j := range table {
			if table[j].refusal != 0 && table[j].applies(f, in) {
				errl = append(errl, table[j].refusal)
				in.requested = absent
				note(fired, j)
				break
			}
		}
		out[i] = in.requested
		if in.requested == absent {
			out[i] = in.current // on create, none until the default applies
		}
		// Every effect that applies happens.
		for j := range table {
			if table[j].refusal == 0 && table[j].applies(f, in) {
				note(fired, j)
				switch table[j].effect {
				case applyDefault:
					out[i] = f.byDefault
					eff.DefaultsApplied |= f.defaulted
				case unsuppress:
					eff.EmailUnsuppressed = true
				case welcome:
					eff.WelcomeSMS = true
				}
			}
		}
	}
	return State{Email: Email(out[0]), SMS: SMS(out[1])}, eff, errl
}

// token is what the table matches a requested member as: its value,
// absent or invalid.
func (v *vocabulary) token(f Field, o Options) string {
	if !f.Set {
		return absent
	}
	s, err := v.parse(f.Value, o)
	if err != nil {
		return invalid
	}
	return s
}

func note(fired func(int), row int) {
	if fired != nil {
		fired(row)
	}
}
