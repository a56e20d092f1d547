package jsonwire

// ValidAnyKeys reports whether b is one JSON value, with white space
// around it, as encoding/json reads one: like the rest of this package,
// except that object keys, at any depth, need not be valid UTF-8. It
// tells a text that is malformed from one that is JSON to encoding/json
// (which writes such a text as it is) and malformed here only for a key
// that is not text.
func ValidAnyKeys(b []byte) bool {
	s := Scanner{Buf: b, anyKey: true}
	return s.Skip() && Space(b, s.Pos) == len(b)
}
