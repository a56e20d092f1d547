// Package op names the operations a rule applies to: creating a contact
// (POST /v1/contacts) and updating one (PATCH /v1/contacts/{id}). The
// consent table and the rule table both say which operations each row
// applies to, in these words.
package op

// An Op is a set of operations. The zero Op is none.
type Op uint8

// The operations, and both.
const (
	Create Op = 1 << iota
	Update
	Both = Create | Update
)

// String returns the set as the rules tables print it: "create",
// "update" or "create, update".
func (o Op) String() string {
	switch o {
	case Create:
		return "create"
	case Update:
		return "update"
	case Both:
		return "create, update"
	}
	return ""
}
