package vtags

import (
	"cmp"
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"

	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/validate"
)

var (
	rawMessage = reflect.TypeFor[json.RawMessage]()
	rawObject  = reflect.TypeFor[validate.RawObject]()
	jsonNumber = reflect.TypeFor[json.Number]()
)

// customText returns the custom fields v holds as the text of a JSON
// object, for validate.Create to judge: the text itself for a byte slice
// (json.RawMessage, validate.RawObject), or a map written as JSON. nil
// means absent. ok is false for a value that cannot be custom fields: not
// a map or byte slice, or a map holding a value JSON cannot write (a
// channel, a function, a complex number, NaN or an infinity) or keyed by
// something other than strings or integers.
//
// Strings are written as they are, not made valid UTF-8, so that
// validate reports a value that is not (custom_fields.<key>); a nested
// map, slice or struct is written as {} or [], which is all validate
// needs to report it.
func customText(v reflect.Value) (_ []byte, ok bool) {
	switch v.Kind() {
	case reflect.Slice:
		if v.Type().Elem().Kind() != reflect.Uint8 {
			return nil, false
		}
		if v.IsNil() {
			return nil, true
		}
		return slices.Clone(v.Bytes()), true
	case reflect.Map:
		if v.IsNil() {
			return nil, true
		}
	default:
		return nil, false
	}
	type member struct {
		key string
		v   reflect.Value
	}
	members := make([]member, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		k, ok := mapKey(it.Key())
		if !ok {
			return nil, false
		}
		members = append(members, member{k, it.Value()})
	}
	slices.SortFunc(members, func(a, b member) int { return cmp.Compare(a.key, b.key) })
	b := []byte{'{'}
	for i, m := range members {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(jsonwire.AppendQuoteBytes(b, m.key), ':')
		if b, ok = appendScalar(b, m.v); !ok {
			return nil, false
		}
	}
	return append(b, '}'), true
}

// mapKey returns a map key as JSON names it.
func mapKey(k reflect.Value) (string, bool) {
	switch k.Kind() {
	case reflect.String:
		return k.String(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), true
	}
	return "", false
}

// appendScalar appends a custom field's value as JSON.
func appendScalar(b []byte, v reflect.Value) ([]byte, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if v.IsValid() && ownForm(v.Type()) && !(v.Kind() == reflect.Pointer && v.IsNil()) {
		return appendMarshaled(b, v)
	}
	v, ok := deref(v)
	if !ok {
		return append(b, "null"...), true
	}
	if ownForm(v.Type()) {
		return appendMarshaled(b, v)
	}
	switch t := v.Type(); {
	case t == jsonNumber:
		n := v.String()
		if n == "" || !(n[0] == '-' || '0' <= n[0] && n[0] <= '9') || !json.Valid([]byte(n)) {
			return b, false
		}
		return append(b, n...), true
	case t == rawMessage || t == rawObject:
		if !json.Valid(v.Bytes()) {
			return b, false
		}
		return append(b, v.Bytes()...), true
	}
	switch v.Kind() {
	case reflect.String:
		return jsonwire.AppendQuoteBytes(b, v.String()), true
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10), true
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return b, false
		}
		return strconv.AppendFloat(b, f, 'g', -1, v.Type().Bits()), true
	case reflect.Map, reflect.Struct:
		return append(b, "{}"...), true
	case reflect.Slice, reflect.Array:
		return append(b, "[]"...), true
	}
	return b, false
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// ownForm reports whether values of t have a JSON form of their own,
// which encoding/json writes and CreateJSON then judges: a
// json.Marshaler or encoding.TextMarshaler (time.Time, net.IP: strings),
// or a byte slice (a base64 string). json.Number and the raw texts are
// read as they are.
func ownForm(t reflect.Type) bool {
	switch t {
	case jsonNumber, rawMessage, rawObject:
		return false
	}
	return t.Implements(jsonMarshaler) || t.Implements(textMarshaler) ||
		t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8
}

// appendMarshaled appends v's JSON form, as encoding/json writes it;
// false when it has none (its MarshalJSON fails or writes no JSON).
func appendMarshaled(b []byte, v reflect.Value) ([]byte, bool) {
	j, err := json.Marshal(v.Interface())
	if err != nil {
		return b, false
	}
	return append(b, j...), true
}
