package validate

// CutName returns a member name chosen by the client as a detail echoes
// it (docs/bounds.md): whole when it is at most 64 bytes long, else its
// longest prefix of at most 64 bytes that ends at a code point boundary,
// then "...". It is the one cutting rule: package vtags cuts a map key in
// a field's path with it, as CreateJSON cuts a custom field's key.
func CutName(name string) string { return echo(name) }
