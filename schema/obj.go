package schema

import (
	"bytes"
	"encoding/json"
)

// An obj is a JSON object whose members keep the order they were first
// set in: a schema reads top-down (type, then limits, then annotations)
// and the checked-in files diff line by line, which a map's sorted keys
// would not allow.
type obj struct {
	keys []string
	vals map[string]any
}

func newObj(kv ...any) *obj {
	o := &obj{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i].(string), kv[i+1])
	}
	return o
}

// set sets member k, keeping its place when it is already there.
func (o *obj) set(k string, v any) *obj {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
	return o
}

func (o *obj) has(k string) bool {
	_, ok := o.vals[k]
	return ok
}

// child returns member k, an object, adding an empty one when k is not
// there.
func (o *obj) child(k string) *obj {
	if c, ok := o.vals[k].(*obj); ok {
		return c
	}
	c := newObj()
	o.set(k, c)
	return c
}

// MarshalJSON writes the members in order.
func (o *obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshal(o.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping: the documents hold
// regular expressions and messages, which read better as they are.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// document returns v as indented JSON text ending in a newline, the form
// of the checked-in files.
func document(v any) []byte {
	raw, err := marshal(v)
	if err != nil {
		panic("schema: " + err.Error()) // the documents hold only strings, numbers, bools, slices and objs
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		panic("schema: " + err.Error())
	}
	b.WriteByte('\n')
	return b.Bytes()
}
