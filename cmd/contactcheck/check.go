package main

import (
	"strings"

	"github.com/contactrules/contactrules/advice"
	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/validate"
)

// A result is what the rules said about one row.
type result struct {
	details []errs.FieldError // nil: valid
	effects consent.Effects
	contact validate.Contact // a valid create's contact, as stored
	advice  []advice.Advice  // -advice: the advice on a valid row
}

// ruleDetail returns the detail of the library's rule id under p.
func ruleDetail(id validate.RuleID, p validate.Policy) []errs.FieldError {
	return []errs.FieldError{{Field: id.Field(), Message: id.Message(p), Rule: id.Name()}}
}

// Details of rows the library never sees.
var (
	columnsDetail = []errs.FieldError{{Field: "base", Message: "must have one value per column", Rule: "columns"}}
	csvDetail     = []errs.FieldError{{Field: "base", Message: "must be a well-formed CSV row", Rule: "csv"}}
)

// wideRow is the width past which a row is checked by one worker at a
// time, and a worker does not keep its buffers.
const wideRow = 1024

// A worker runs the rules on batches; each worker has its own, with its
// buffers.
type worker struct {
	c *pipeline

	// A CSV row's form, and the values it holds.
	form   map[string][]string
	values []string
	tags   []string

	scratch []byte // an email key being built
}

func (c *pipeline) newWorker() *worker {
	return &worker{c: c}
}

// batch writes the result of every row of b into b.out, and the -fix
// line of every valid one into b.fix.
func (w *worker) batch(b *batch) {
	for i := range b.items {
		it := &b.items[i]
		b.out = w.row(b.out, it, b)
		it.end, it.fixEnd = len(b.out), len(b.fix)
	}
}

// row appends the result line of one row to out and records in it the
// row's details and, for a valid create, its duplicate keys; the -fix
// line goes to b.fix.
func (w *worker) row(out []byte, it *item, b *batch) []byte {
	var res result
	switch it.kind {
	case kindLine:
		res = w.line(b.data[it.a:it.b])
	case kindRow:
		res = w.csvRow(b.hdr, b.cells[it.a:it.b])
	case kindOverlong:
		res.details = w.c.overlong
	case kindCSVSyntax:
		res.details = csvDetail
	}
	it.details, it.advice = res.details, res.advice
	if res.details == nil && !w.c.cfg.update {
		if e := res.contact.Email; e != "" && w.c.dedup {
			it.keys[0], w.scratch = emailKey(e, w.scratch)
		}
		if p := res.contact.PhoneNumber; p != "" && w.c.dedup {
			it.keys[1] = phoneKey(p)
		}
		if w.c.cfg.fix != "" {
			b.fix = appendFix(b.fix, res)
		}
	}
	return appendLine(out, it.line, res)
}

// line runs the rules on one NDJSON line.
func (w *worker) line(body []byte) result {
	var res result
	switch {
	case w.c.cfg.update:
		res.effects, res.details, res.advice = w.c.update(body)
	case w.c.dedup || w.c.cfg.fix != "" || w.c.cfg.advice:
		res.contact, res.effects, res.details = validate.CreateJSON(body, w.c.cfg.policy)
		if res.details == nil && w.c.cfg.advice {
			res.advice = advice.For(res.contact, w.c.cfg.policy)
		}
	default: // nothing reads the contact: the answer alone, which allocates nothing
		res.effects, res.details = validate.CheckCreateJSON(body, w.c.cfg.policy)
	}
	return res
}

// csvRow checks one CSV row of the right width: its cells become the
// values of a form, which the library checks as a create.
func (w *worker) csvRow(hdr *header, cells []string) result {
	if len(cells) != len(hdr.members) {
		return result{details: columnsDetail}
	}
	if len(cells) > wideRow {
		// The library's cost of a row grows with its cells, about 200
		// bytes each: wide rows are checked one at a time, so that
		// their cost is not multiplied by the number of workers.
		w.c.wide <- struct{}{}
		defer func() { <-w.c.wide }()
	}
	if w.form == nil {
		w.form = make(map[string][]string)
	}
	clear(w.form)
	if len(w.values) < len(cells) {
		w.values = make([]string, len(cells))
	}
	for _, i := range hdr.order {
		m, v := hdr.members[i], cells[i]
		if m == "" || strings.TrimSpace(v) == "" {
			continue // an ignored column, or an absent value
		}
		if _, ok := w.form[m]; ok {
			continue // a column of the same field read before this one was filled
		}
		switch m {
		case "tags":
			w.tags = splitTags(w.tags[:0], v)
			if len(w.tags) > 0 {
				w.form[m] = w.tags
			}
			continue
		case "email_consent", "sms_consent":
			// Exports write the values in capitals (SUBSCRIBED).
			v = lowerASCII(v)
		}
		w.values[i] = v
		w.form[m] = w.values[i : i+1 : i+1]
	}
	var res result
	res.contact, res.effects, res.details = validate.CreateForm(w.form, w.c.cfg.policy)
	if res.details == nil && w.c.cfg.advice {
		res.advice = advice.ForForm(res.contact, w.form, w.c.cfg.policy)
	}
	if len(cells) > wideRow {
		// A wide row grew the buffers: give them back rather than keep
		// them for the narrow rows that usually follow.
		w.form, w.values = nil, nil
	}
	return res
}

// splitTags appends the tags of a tags cell to dst: the pieces between
// commas or semicolons (the list separator of Excel in many languages,
// and of HubSpot's multiple values), without surrounding white space;
// empty pieces are no tags, as an empty tags value of a form is none
// ("vip; gold," is vip and gold).
func splitTags(dst []string, cell string) []string {
	for t := range strings.FieldsFuncSeq(cell, isTagSeparator) {
		if t = strings.TrimSpace(t); t != "" {
			dst = append(dst, t)
		}
	}
	return dst
}

// isTagSeparator reports whether r separates the tags of a tags cell.
func isTagSeparator(r rune) bool { return r == ',' || r == ';' }

// lowerASCII returns s with ASCII letters in lower case; s itself when it
// has none in upper case.
func lowerASCII(s string) string {
	for i := range len(s) {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// currentDetail is the answer for an update line whose current does not
// decode as a contact.
var currentDetail = []errs.FieldError{{Field: "current", Message: "must be a contact object", Rule: "type"}}

// update checks one line of -mode update: the patch gets exactly the
// answer of the library for its bytes.
// With -advice it also returns the advice on the patch's new values.
func (c *pipeline) update(b []byte) (consent.Effects, []errs.FieldError, []advice.Advice) {
	cur, patch, ok := splitUpdateLine(b)
	if !ok {
		return consent.Effects{}, c.badWrapper, nil
	}
	var current validate.Contact
	if cur != nil {
		// The stored contact as the API returns it; it is not checked.
		var err error
		if current, err = validate.ParseContact(cur); err != nil {
			return consent.Effects{}, currentDetail, nil
		}
	}
	if !c.cfg.advice {
		eff, details := validate.CheckUpdateJSON(current, patch, c.cfg.policy)
		return eff, details, nil
	}
	p, eff, details := validate.UpdateJSON(current, patch, c.cfg.policy)
	if details != nil {
		return eff, details, nil
	}
	return eff, nil, advice.ForPatch(current, p, c.cfg.policy)
}

// splitUpdateLine reads a line of -mode update, {"current":…,"patch":…},
// and returns the text of both values (current nil when absent). ok is
// false unless the line is one well-formed JSON object whose members are
// exactly these names (case matters), each at most once, patch present.
// It reads with the project's JSON layer, which has no depth limit, so
// whatever the patch holds, the library sees it.
func splitUpdateLine(b []byte) (current, patch []byte, ok bool) {
	s := jsonwire.Scanner{Buf: b}
	if !s.Eat('{') || s.Eat('}') {
		return nil, nil, false
	}
	for {
		k, ok := s.Key()
		if !ok {
			return nil, nil, false
		}
		var dst *[]byte
		switch k {
		case "current":
			dst = &current
		case "patch":
			dst = &patch
		default:
			return nil, nil, false
		}
		s.Peek() // past white space
		start := s.Pos
		if *dst != nil || !s.Skip() {
			return nil, nil, false // repeated, or malformed
		}
		*dst = b[start:s.Pos]
		if s.Eat(',') {
			continue
		}
		if !s.Eat('}') || !s.AtEnd() || patch == nil {
			return nil, nil, false
		}
		return current, patch, true
	}
}
