package vtags_test

import (
	"encoding/json"
	"net"
	"reflect"
	"testing"
	"time"

	"github.com/contactrules/contactrules/validate"
)

// custom is a struct whose custom fields are a map of any values.
type custom struct {
	Email  string         `json:"email" validate:"contact_email"`
	Custom map[string]any `json:"custom_fields,omitempty" validate:"flat_map"`
}

// marshalsObject is a value whose JSON form is an object.
type marshalsObject struct{}

func (marshalsObject) MarshalJSON() ([]byte, error) { return []byte(`{"a":1}`), nil }

// marshalsBroken is a value with no JSON form.
type marshalsBroken struct{}

func (marshalsBroken) MarshalJSON() ([]byte, error) { return []byte(`{`), nil }

// TestFlatMapJSONForm: flat_map judges a value by its JSON form, as
// CreateJSON judges the struct's JSON: []byte is a string (base64),
// time.Time and any other json.Marshaler or encoding.TextMarshaler are
// what they write (time.Time and net.IP a string); a Marshaler that
// writes an object or array is not flat. (A []byte and a time.Time were
// called not flat.)
func TestFlatMapJSONForm(t *testing.T) {
	at := time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		value any
		want  []string
	}{
		{"bytes", []byte("hello"), want()},
		{"time", at, want()},
		{"a pointer to a time", &at, want()},
		{"an IP (a TextMarshaler)", net.ParseIP("192.0.2.1"), want()},
		{"a raw number", json.RawMessage(`12`), want()},
		{"a Marshaler writing an object", marshalsObject{}, want("custom_fields: must be a flat key-value object (no nested values) (flat_object)")},
		{"a nested map", map[string]any{}, want("custom_fields: must be a flat key-value object (no nested values) (flat_object)")},
	} {
		s := custom{Email: "a@b.co", Custom: map[string]any{"v": c.value}}
		got := check(t, validate.Policy{}, s)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q; want %q", c.name, got, c.want)
		}
		body, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		_, _, ds := validate.CreateJSON(body, validate.Policy{})
		if !reflect.DeepEqual(got, details(ds)) {
			t.Errorf("%s: %q; CreateJSON on %s: %q", c.name, got, body, details(ds))
		}
	}
	// No JSON form at all: the type detail, as for a channel.
	got := check(t, validate.Policy{}, custom{Email: "a@b.co", Custom: map[string]any{"v": marshalsBroken{}}})
	if !reflect.DeepEqual(got, want("custom_fields: must be a flat key-value object (no nested values) (flat_object)")) {
		t.Errorf("a Marshaler writing no JSON: %q", got)
	}
}
