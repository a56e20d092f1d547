// Package schema writes the contact rules as API documents: JSON Schema
// (draft 2020-12) for the body of a create and the patch of an update,
// and an OpenAPI 3.1 document of POST /v1/contacts and PATCH
// /v1/contacts/{id} with those schemas as components and the error
// envelope with its codes and statuses (docs/schema.md).
//
// The documents are generated from the rule table the code runs
// (validate.Rules, the consent values, the policy), one entry per rule,
// so they cannot drift from what validate refuses: every keyword carries
// the rule it stands for in "x-contactrules-rule" (keyword → field, rule
// and the API's message), and what a schema cannot say (phone validity
// and region, the SMS country, transitions that depend on the stored
// contact, repeated keys, UTF-8) is listed on each schema in
// "x-contactrules-unexpressed". A schema is a first check for clients in
// any language, never the whole one: a body it accepts may still be
// refused, but a body validate accepts is never refused by it.
//
// The documents of the default policy are checked in as
// schema/create.schema.json, schema/update.schema.json and
// schema/openapi.json (go generate ./schema writes them); a deployment
// with its own policy generates its own with [Create], [Update] and
// [OpenAPI], or `contactcheck schema`.
package schema

//go:generate go run ./internal/generate

import (
	"strings"

	"github.com/contactrules/contactrules/validate"
)

// Create returns the JSON Schema of a create body (POST /v1/contacts)
// under policy p (a zero field of p means its default).
func Create(p validate.Policy) []byte {
	return document(build(p, create, true))
}

// Update returns the JSON Schema of an update patch (PATCH
// /v1/contacts/{id}) under policy p.
func Update(p validate.Policy) []byte {
	return document(build(p, update, true))
}

// An op is the operation a schema is for.
type op uint8

const (
	create op = 1 << iota
	update
)

// appliesTo reports whether a rule whose On is on (validate.Rule.On)
// applies to o.
func (o op) appliesTo(on string) bool {
	word := map[op]string{create: "create", update: "update"}[o]
	for w := range strings.SplitSeq(on, ", ") {
		if w == word {
			return true
		}
	}
	return false
}

// gen builds one body schema.
type gen struct {
	p      validate.Policy // resolved
	on     op
	rule   validate.Rule // the rule whose keywords are being set
	fields []string      // the writable members, in the order of the create table
	root   *obj

	// notes are each object's x-contactrules-rule, written last, so that
	// a schema's keywords come before their annotations.
	notes     map[*obj]*obj
	noteOrder []*obj
}

// build returns the schema of op on under p; standalone adds the
// members of a document of its own ($schema), which a component of the
// OpenAPI document leaves out.
func build(p validate.Policy, on op, standalone bool) *obj {
	g := &gen{p: resolve(p), on: on, fields: writable(), root: newObj(), notes: map[*obj]*obj{}}
	if standalone {
		g.root.set("$schema", "https://json-schema.org/draft/2020-12/schema")
	}
	g.root.set("title", map[op]string{create: "A contact to create (POST /v1/contacts)", update: "A patch of a contact (PATCH /v1/contacts/{id})"}[on])
	g.root.set("description", "Generated from the contactrules rule table (go generate ./schema). "+
		"Each keyword's x-contactrules-rule is the detail the API reports when it fails; "+
		"x-contactrules-unexpressed lists what the API checks beyond this schema, so a body it accepts may still be refused.")
	var unexpressed []any
	for _, r := range validate.Rules(g.p) {
		if !on.appliesTo(r.On) {
			continue
		}
		e, ok := catalog[r.ID]
		if !ok || e.says == nil && e.unsaid == nil {
			panic("schema: rule " + r.ID.String() + " has no entry in the catalog")
		}
		g.rule = r
		if e.says != nil {
			for _, k := range e.says(g) {
				g.put(k)
			}
		}
		if e.unsaid != nil {
			if s := e.unsaid(g); s != "" {
				unexpressed = append(unexpressed, newObj("field", r.Field, "rule", r.Name, "message", r.Message, "unexpressed", s))
			}
		}
	}
	for _, o := range g.noteOrder {
		o.set("x-contactrules-rule", g.notes[o])
	}
	g.root.set("x-contactrules-unexpressed", unexpressed)
	return g.root
}

// put sets keyword k where it goes and notes the rule it stands for.
func (g *gen) put(k keyword) {
	o := g.root
	if k.at != "" {
		parts := strings.Split(k.at, "/")
		o = o.child("properties").child(parts[0])
		for _, p := range parts[1:] {
			o = o.child(p)
		}
	}
	if o.has(k.name) {
		panic("schema: two rules set " + k.name + " at " + k.at + " (the second is " + g.rule.ID.String() + ")")
	}
	o.set(k.name, k.value)
	n, ok := g.notes[o]
	if !ok {
		n = newObj()
		g.notes[o] = n
		g.noteOrder = append(g.noteOrder, o)
	}
	n.set(k.name, g.note())
}

// annotated returns o, a schema inside a keyword's value, with its own
// keyword's note.
func (g *gen) annotated(o *obj, keyword string) *obj {
	return o.set("x-contactrules-rule", newObj(keyword, g.note()))
}

// note is the detail the API reports for the current rule.
func (g *gen) note() *obj {
	return newObj("field", g.rule.Field, "rule", g.rule.Name, "message", g.rule.Message)
}

// writable returns the JSON names of the writable members, in order.
func writable() []string {
	var out []string
	for f := validate.Field(0); !strings.HasPrefix(f.String(), "Field("); f++ {
		out = append(out, f.String())
	}
	return out
}

// resolve returns p with its zero settings replaced by the defaults the
// schemas read (validate resolves a policy the same way).
func resolve(p validate.Policy) validate.Policy {
	d := validate.DefaultPolicy()
	if p.SMSRegions.IsZero() {
		p.SMSRegions = d.SMSRegions
	}
	for _, v := range []struct{ set, def *int }{
		{&p.MaxNameLength, &d.MaxNameLength}, {&p.MaxTagLength, &d.MaxTagLength}, {&p.MaxTags, &d.MaxTags},
		{&p.MaxBodyBytes, &d.MaxBodyBytes}, {&p.MaxDetails, &d.MaxDetails},
	} {
		if *v.set <= 0 {
			*v.set = *v.def
		}
	}
	return p
}

// Files returns the three documents under p by the names they are
// checked in as: create.schema.json, update.schema.json, openapi.json.
func Files(p validate.Policy) map[string][]byte {
	return map[string][]byte{
		"create.schema.json": Create(p),
		"update.schema.json": Update(p),
		"openapi.json":       OpenAPI(p),
	}
}
