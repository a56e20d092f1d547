package consent

import (
	"slices"
	"sync"

	"github.com/contactrules/contactrules/internal/op"
	"github.com/contactrules/contactrules/phone"
)

// smsOK reports whether n is a number of the SMS regions of o, the zero
// set meaning phone.DefaultSMSRegions. (A pointer and no copy of the set:
// every decision asks.)
func (o *Options) smsOK(n phone.Number) bool {
	if !n.IsValid() {
		return false
	}
	if o.SMSRegions.IsZero() {
		return phone.DefaultSMSRegions().Supports(n)
	}
	return o.SMSRegions.Supports(n)
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
	return decide(op.Create, State{Email: none, SMS: none}, &r, &o, nil)
}

// Update decides the consent of an existing contact whose consent is
// current: an absent member leaves its field as it is.
//
// As for [Create], a refused member is treated as absent, so with errors
// the State keeps the current value of each refused field and no effect
// comes from it.
func Update(current State, r Request, o Options) (State, Effects, []Refusal) {
	return decide(op.Update, current, &r, &o, nil)
}

// decide evaluates the table for each field; fired, when not nil, is told
// the index of every row that applies (the tests check each row is used).
func decide(on op.Op, current State, r *Request, o *Options, fired func(int)) (State, Effects, []Refusal) {
	var (
		eff  Effects
		errl []Refusal
		out  [2]string
	)
	cur := [2]string{string(current.Email), string(current.SMS)}
	req := [2]Field{r.Email, r.SMS}
	phoneOK := o.smsOK(r.Phone)
	m := memo()
	for i, f := range fields {
		var res outcome
		if k, ok := m.key(i, on, cur[i], req[i], o.AcceptLegacy, phoneOK, !r.NoWelcomeSMS); ok && fired == nil {
			res = m.byKey[i][k]
		} else {
			in := input{on: on, current: cur[i], requested: f.token(req[i], *o), phoneOK: phoneOK, welcome: !r.NoWelcomeSMS}
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
	byTerm [len(fields)][]int    // per field and term: the index of the token it means
	byKey  [len(fields)][]outcome
}

// The first tokens of every field.
const (
	tokAbsent = iota
	tokInvalid
	tokNone
)

var memo = sync.OnceValue(func() *outcomes {
	m := new(outcomes)
	for i, f := range fields {
		toks := []string{absent, invalid, none}
		for _, t := range f.terms {
			j := slices.Index(toks, t.means)
			if j < 0 {
				j = len(toks)
				toks = append(toks, t.means)
			}
			m.byTerm[i] = append(m.byTerm[i], j)
		}
		m.tokens[i] = toks
		m.byKey[i] = make([]outcome, 2*len(toks)*len(toks)*4)
		for _, on := range []op.Op{op.Create, op.Update} {
			for c, cur := range toks {
				for r, req := range toks {
					for k := range 4 {
						in := input{on: on, current: cur, requested: req, phoneOK: k&1 != 0, welcome: k&2 != 0}
						m.byKey[i][m.index(i, on, c, r, in.phoneOK, in.welcome)] = evaluate(f, in, nil)
					}
				}
			}
		}
	}
	return m
})

// key is the index in byKey[i] of the outcome for field i of a request
// member req on a contact whose consent is current (unused on create),
// when its tokens are known.
func (m *outcomes) key(i int, on op.Op, current string, req Field, legacy, phoneOK, welcome bool) (int, bool) {
	c := tokNone
	if on != op.Create {
		if c = slices.Index(m.tokens[i], current); c < 0 {
			return 0, false
		}
	}
	r := tokAbsent
	if req.Set {
		r = tokInvalid
		if j := fields[i].find(req.Value, legacy); j >= 0 {
			r = m.byTerm[i][j]
		}
	}
	return m.index(i, on, c, r, phoneOK, welcome), true
}

// index is the place in byKey[i] of the outcome for the tokens numbered
// c (current) and r (requested).
func (m *outcomes) index(i int, on op.Op, c, r int, phoneOK, welcome bool) int {
	n := len(m.tokens[i])
	k := ((int(on>>1)*n+c)*n + r) * 4
	if phoneOK {
		k |= 1
	}
	if welcome {
		k |= 2
	}
	return k
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
