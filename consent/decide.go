package consent

import (
	"slices"
	"sync"

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
// absent member; null is the same (docs/create.md), so a patch cannot
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
// (docs/consent.md). The zero value is nothing.
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
		res, ok := outcome{}, false
		if fired == nil {
			res, ok = memo().lookup(i, in)
		}
		if !ok {
			res = evaluate(f, in, fired)
		}
		if res.refusal != 0 {
			errl = append(errl, res.refusal)
		}
		out[i] = res.out
		eff.DefaultsApplied |= res.eff.DefaultsApplied
		eff.EmailUnsuppressed = eff.EmailUnsuppressed || res.eff.EmailUnsuppressed
		eff.WelcomeSMS = eff.WelcomeSMS || res.eff.WelcomeSMS
	}
	return State{Email: Email(out[0]), SMS: SMS(out[1])}, eff, errl
}

// An outcome is what the table decides for one field.
type outcome struct {
	refusal Refusal
	out     string // the field's value after the request
	eff     Effects
}

// evaluate runs the table for one field; fired, when not nil, is told
// every row that applies.
func evaluate(f *vocabulary, in input, fired func(int)) outcome {
	var res outcome
	// The first refusal that applies is the field's one detail; the
	// member then counts as absent for the state and effects.
	for j := range table {
		if table[j].refusal != 0 && table[j].applies(f, in) {
			res.refusal = table[j].refusal
			in.requested = absent
			note(fired, j)
			break
		}
	}
	res.out = in.requested
	if in.requested == absent {
		res.out = in.current // on create, none until the default applies
	}
	// Every effect that applies happens.
	for j := range table {
		if table[j].refusal == 0 && table[j].applies(f, in) {
			note(fired, j)
			switch table[j].effect {
			case applyDefault:
				res.out = f.byDefault
				res.eff.DefaultsApplied |= f.defaulted
			case unsuppress:
				res.eff.EmailUnsuppressed = true
			case welcome:
				res.eff.WelcomeSMS = true
			}
		}
	}
	return res
}

// outcomes holds evaluate's answer for every input whose tokens are words
// of the field's vocabulary, so that a request looks the table up by
// index instead of scanning it. It is built from the table itself, once,
// on first use.
type outcomes struct {
	tokens [len(fields)][]string // per field: absent, invalid, none, then its values
	byKey  [len(fields)][]outcome
}

var memo = sync.OnceValue(func() *outcomes {
	m := new(outcomes)
	for i, f := range fields {
		toks := []string{absent, invalid, none}
		for _, t := range f.terms {
			if !slices.Contains(toks, t.means) {
				toks = append(toks, t.means)
			}
		}
		m.tokens[i] = toks
		m.byKey[i] = make([]outcome, 2*len(toks)*len(toks)*4)
		for _, on := range []op{onCreate, onUpdate} {
			for _, cur := range toks {
				for _, req := range toks {
					for k := range 4 {
						in := input{on: on, current: cur, requested: req, phoneOK: k&1 != 0, welcome: k&2 != 0}
						key, _ := m.key(i, in)
						m.byKey[i][key] = evaluate(f, in, nil)
					}
				}
			}
		}
	}
	return m
})

// key is the index of in's outcome for field i, if its tokens are known.
func (m *outcomes) key(i int, in input) (int, bool) {
	toks := m.tokens[i]
	c, r := slices.Index(toks, in.current), slices.Index(toks, in.requested)
	if c < 0 || r < 0 {
		return 0, false
	}
	k := ((int(in.on>>1)*len(toks)+c)*len(toks) + r) * 4
	if in.phoneOK {
		k |= 1
	}
	if in.welcome {
		k |= 2
	}
	return k, true
}

// lookup returns the outcome of in for field i, if it is held.
func (m *outcomes) lookup(i int, in input) (outcome, bool) {
	k, ok := m.key(i, in)
	if !ok {
		return outcome{}, false
	}
	return m.byKey[i][k], true
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
