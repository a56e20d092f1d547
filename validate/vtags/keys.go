package vtags

import (
	"strings"

	"github.com/contactrules/contactrules/validate"
)

// A path as validator writes it names the fields by their JSON names
// (the struct's author's) and the elements of a slice or map after dive
// in brackets: "tags[2]", "people[jane.doe@example.com].email". A map
// key is the client's: often personal data, and of any length. So a
// path echoes its keys through the one cutting rule (validate.CutName).
//
// validator writes a key as it is, so a key holding "]", "[" or "."
// cannot be told from the path's own brackets and dots. What comes
// before the first "[" and after the last "]" is the author's; all
// between may be the client's, and is cut as one name. A path with one
// map key (a map of strings, or of structs) has exactly its key there;
// a path through slices alone ("contacts[3].tags[2]") is seldom longer
// than 64 bytes between its brackets, and is then shown whole. Either way
// the client's bytes in a field are at most 64, whatever the keys hold.

// cutPath returns path with its keys cut (see above), and parent, the
// path of the struct that holds the field: cut up to its last dot
// outside the brackets, or "".
func cutPath(path string) (cut, parent string) {
	open, close := strings.IndexByte(path, '['), strings.LastIndexByte(path, ']')
	if open < 0 || close < open {
		return path, beforeLastDot(path)
	}
	head, tail := path[:open+1], path[close:]
	if keys := path[open+1 : close]; validate.CutName(keys) != keys {
		cut = head + validate.CutName(keys) + tail
	} else {
		cut = path // no copy: the usual path, and each of a million failing elements
	}
	if i := strings.LastIndexByte(tail, '.'); i >= 0 {
		return cut, cut[:len(cut)-len(tail)+i]
	}
	return cut, beforeLastDot(head)
}

// beforeLastDot returns s up to its last dot, or "".
func beforeLastDot(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[:i]
	}
	return ""
}
