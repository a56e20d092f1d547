package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contactrules/contactrules/validate"
)

// How the columns of a CSV file are read (docs/bulk.md, "Headers").
//
// A header is matched by its key: its letters and digits in lower case,
// every other character dropped, so that "E-mail", "EMAIL" and "e_mail"
// are one name, as are "Phone 1 - Value" and "phone1value". The key is
// looked up in -map, then among the fields' own names and the aliases
// below, then read by meaning (a consent column); a column matched by
// none is a custom field.

// fields are the form members a column may fill.
var fields = []string{
	"email", "phone_number", "phone_region", "first_name", "last_name",
	"tags", "email_consent", "sms_consent", "send_welcome_sms",
}

// aliases are the header names that the common tools write in their
// exports, and the field each means; docs/bulk.md lists them with the
// tools (a test holds the two together). When several columns of a file
// mean one field (HubSpot's "Phone Number" and "Mobile Phone"), a row
// reads the first of them that is filled, in the order of this table
// (a mobile number first: SMS consent needs one), the field's own name
// before every alias.
var aliases = []struct{ name, field string }{
	{"Email Address", "email"},    // Mailchimp; Outlook's E-mail Address
	{"E-mail 1 - Value", "email"}, // Google Contacts
	{"Primary Email", "email"},
	{"Mobile Phone", "phone_number"},        // Outlook, HubSpot
	{"Mobile Phone Number", "phone_number"}, // HubSpot
	{"Mobile", "phone_number"},
	{"Mobile Number", "phone_number"},
	{"Cell Phone", "phone_number"},
	{"Mobil", "phone_number"},                 // German
	{"Handy", "phone_number"},                 // German
	{"Phone", "phone_number"},                 // Shopify
	{"Phone 1 - Value", "phone_number"},       // Google Contacts
	{"Primary Phone", "phone_number"},         // Outlook
	{"Default Address Phone", "phone_number"}, // Shopify
	{"Telefon", "phone_number"},               // German
	{"Telefonnummer", "phone_number"},         // German
	{"Given Name", "first_name"},              // Google Contacts
	{"FNAME", "first_name"},                   // Mailchimp's merge tag
	{"Vorname", "first_name"},                 // German
	{"Family Name", "last_name"},              // Google Contacts
	{"Surname", "last_name"},
	{"LNAME", "last_name"},    // Mailchimp's merge tag
	{"Nachname", "last_name"}, // German
	{"Tag", "tags"},
	{"Email Marketing Consent", "email_consent"}, // Klaviyo, HubSpot
	{"Accepts Email Marketing", "email_consent"}, // Shopify
	{"Email Opt-In", "email_consent"},
	{"SMS Marketing Consent", "sms_consent"}, // Klaviyo
	{"Accepts SMS Marketing", "sms_consent"}, // Shopify
	{"SMS Opt-In", "sms_consent"},
}

// Ranks of a column among those meaning one field: the lowest is read
// first.
const (
	rankMap   = -2 // -map names the column
	rankField = -1 // the field's own name
	// 0…: the alias's place in the table; then a column read by meaning
)

// known maps the key of every field name and alias to the field and its
// rank.
var known = func() map[string]column {
	m := make(map[string]column)
	for _, f := range fields {
		m[headerKey(f)] = column{member: f, rank: rankField}
	}
	for i, a := range aliases {
		k := headerKey(a.name)
		if _, ok := m[k]; ok {
			panic("contactcheck: alias " + a.name + " is listed twice")
		}
		m[k] = column{member: a.field, rank: int32(i)}
	}
	return m
}()

// Words that make a header a consent column by meaning: a channel and a
// consent word, and none of the words of a column about the consent (its
// date, its source).
var (
	consentChannels = []struct{ word, field string }{
		{"sms", "sms_consent"}, {"text", "sms_consent"},
		{"mail", "email_consent"}, {"newsletter", "email_consent"},
	}
	consentWords = []string{"consent", "optin", "subscri", "accepts", "permission"}
	consentNot   = []string{
		"date", "time", "source", "method", "reason", "level", "updated", "last",
		"unsubscri", "optout", // an opt-out flag says the opposite of a consent
		"opened", "delivered", "clicked", "bounced", "count", "sent", // HubSpot's "Marketing emails opened", …
	}
)

// byMeaning returns the consent field a header key means, or "".
func byMeaning(key string) string {
	has := func(w string) bool { return strings.Contains(key, w) }
	if !slices.ContainsFunc(consentWords, has) || slices.ContainsFunc(consentNot, has) {
		return ""
	}
	field := ""
	for _, c := range consentChannels {
		if has(c.word) {
			if field != "" && field != c.field {
				return "" // both channels: not one field
			}
			field = c.field
		}
	}
	return field
}

// headerKey returns the key a header is matched by: its letters and
// digits, in lower case.
func headerKey(h string) string {
	b := make([]byte, 0, len(h))
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// normalizeHeader returns a header cell as custom fields are named:
// without surrounding white space, in lower case, with spaces and hyphens
// written as underscores.
func normalizeHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, h)
}

// A column is how one column of a file is read.
type column struct {
	member string // the form member its cells fill; "": ignored
	rank   int32  // among columns of one field
	how    how    // why
	// A custom field whose header means a consent by meaning, as another
	// column's does.
	ambiguous bool
}

// how says why a column is read as it is.
type how uint8

const (
	howCustom how = iota
	howName
	howAlias
	howMeaning
	howMap
	howIgnore
)

func (h how) String() string {
	return [...]string{"custom field", "name", "alias", "by meaning", "-map", "-ignore"}[h]
}

// meaningCount counts the columns read by meaning, by field.
func meaningCount(cols []column) map[string]int {
	n := make(map[string]int)
	for _, c := range cols {
		if c.how == howMeaning {
			n[c.member]++
		}
	}
	return n
}

// A header is what the columns of a CSV file are.
type header struct {
	members []string // per column: "email", "tags", "custom_fields[loyalty_tier]", "" (ignored), …
	order   []int    // the columns in the order a row reads them
	cols    []column
	names   []string // the header cells, as echoed
	unused  []string // the -map values that name no column of the file
}

// mapping is the user's say on columns: -map and -ignore.
type mapping struct {
	columns map[string]string // header key -> member, "" to ignore (-map)
	given   []string          // the -map values, in order
	ignore  []string          // -ignore: headers (normalized) not read
}

// parseMap reads one -map value, Header=field, into m.
func (m *mapping) parseMap(v string) error {
	h, field, ok := strings.Cut(v, "=")
	key := headerKey(h)
	field = strings.TrimSpace(field)
	if !ok || key == "" {
		return fmt.Errorf("-map %q: want Header=field", v)
	}
	var member string
	switch {
	case field == "-":
	case slices.Contains(fields, field):
		member = field
	case strings.HasPrefix(field, "custom_fields.") && len(field) > len("custom_fields."):
		member = "custom_fields[" + strings.TrimPrefix(field, "custom_fields.") + "]"
	default:
		return fmt.Errorf("-map %q: %q is not a field (%s), custom_fields.<key> or -", v, field, strings.Join(fields, ", "))
	}
	if m.columns == nil {
		m.columns = make(map[string]string)
	}
	if _, dup := m.columns[key]; dup {
		return fmt.Errorf("-map %q: the header is mapped twice", v)
	}
	m.columns[key] = member
	m.given = append(m.given, v)
	return nil
}

// newHeader reads the header row. A column without a name, or two
// columns that fill the same member by the same name (or a custom field
// twice), make the file unreadable: no row of it could be answered as
// the file's author meant. Columns that mean one field by different
// names are read in rank order.
func newHeader(cells []string, m mapping) (*header, error) {
	h := &header{
		members: make([]string, len(cells)),
		cols:    make([]column, len(cells)),
		names:   make([]string, len(cells)),
	}
	claimed := make(map[string]int, len(cells)) // member and rank -> column
	for i, cell := range cells {
		if i == 0 {
			cell = strings.TrimPrefix(cell, "\uFEFF") // a spreadsheet's byte order mark
		}
		h.names[i] = validate.CutName(strings.TrimSpace(cell))
		name := normalizeHeader(cell)
		if name == "" {
			return nil, fmt.Errorf("column %d of the header row has no name", i+1)
		}
		key := headerKey(cell)
		col, ok := column{}, false
		if member, mapped := m.columns[key]; mapped && key != "" {
			col, ok = column{member: member, rank: rankMap, how: howMap}, true
		} else if slices.Contains(m.ignore, name) || slices.Contains(m.ignore, strings.TrimSpace(cell)) {
			col, ok = column{how: howIgnore}, true
		} else if col, ok = known[key]; ok && key != "" {
			col.how = howAlias
			if col.rank == rankField {
				col.how = howName
			}
		} else if f := byMeaning(key); f != "" {
			col, ok = column{member: f, rank: int32(len(aliases)), how: howMeaning}, true
		}
		if !ok {
			col = column{member: "custom_fields[" + name + "]", how: howCustom}
		}
		h.cols[i], h.members[i] = col, col.member
	}
	// A consent read by meaning from two columns is read from neither:
	// the words do not say which is meant. They are custom fields, and
	// the report says why.
	for f, n := range meaningCount(h.cols) {
		if n > 1 {
			for i := range h.cols {
				if h.cols[i].how == howMeaning && h.cols[i].member == f {
					cell := strings.TrimPrefix(cells[i], "\uFEFF")
					h.cols[i] = column{member: "custom_fields[" + normalizeHeader(cell) + "]", how: howCustom, ambiguous: true}
					h.members[i] = h.cols[i].member
				}
			}
		}
	}
	for i, col := range h.cols {
		if col.member == "" {
			continue
		}
		k := col.member + "\x00" + strconv.Itoa(int(col.rank))
		if j, dup := claimed[k]; dup {
			return nil, fmt.Errorf("columns %d and %d of the header row both give %s", j+1, i+1, validate.CutName(strings.TrimSuffix(strings.TrimPrefix(col.member, "custom_fields["), "]")))
		}
		claimed[k] = i
	}
	for _, v := range m.given {
		name, _, _ := strings.Cut(v, "=")
		key := headerKey(name)
		if !slices.ContainsFunc(cells, func(c string) bool { return headerKey(c) == key }) {
			h.unused = append(h.unused, v)
		}
	}
	h.order = make([]int, len(cells))
	for i := range h.order {
		h.order[i] = i
	}
	slices.SortStableFunc(h.order, func(a, b int) int { return int(h.cols[a].rank) - int(h.cols[b].rank) })
	return h, nil
}

// report writes how each column is read, and a warning for each column
// that looks like a field but became a custom field, to w.
func (h *header) report(w io.Writer, file string) {
	fmt.Fprintf(w, "contactcheck: %s: columns:\n", file)
	before := make(map[int]int) // column -> the column of its field a row reads just before it
	last := make(map[string]int)
	for _, i := range h.order {
		if m := h.members[i]; m != "" {
			if j, ok := last[m]; ok {
				before[i] = j
			}
			last[m] = i
		}
	}
	for i, c := range h.cols {
		name := strconv.Quote(h.names[i])
		switch {
		case c.member == "":
			fmt.Fprintf(w, "  %d %s: ignored (%s)\n", i+1, name, c.how)
		case strings.HasPrefix(c.member, "custom_fields["):
			key := strings.TrimSuffix(strings.TrimPrefix(c.member, "custom_fields["), "]")
			fmt.Fprintf(w, "  %d %s: custom field %s", i+1, name, strconv.Quote(validate.CutName(key)))
			switch {
			case c.how == howMap:
				fmt.Fprint(w, " (-map)")
			case c.ambiguous:
				fmt.Fprintf(w, " (several columns mean %s: -map the one to read)", byMeaning(headerKey(h.names[i])))
			}
			fmt.Fprintln(w)
		default:
			fmt.Fprintf(w, "  %d %s: %s (%s)", i+1, name, c.member, c.how)
			if j, ok := before[i]; ok {
				fmt.Fprintf(w, " when column %d %s is empty", j+1, strconv.Quote(h.names[j]))
			}
			fmt.Fprintln(w)
		}
	}
	for _, v := range h.unused {
		fmt.Fprintf(w, "contactcheck: warning: -map %s names no column of this file\n", strconv.Quote(validate.CutName(v)))
	}
	for i, c := range h.cols {
		if c.how != howCustom || c.ambiguous {
			continue
		}
		if f := looksLike(headerKey(h.names[i])); f != "" {
			var maps []string
			for _, f := range strings.Split(f, " or ") {
				maps = append(maps, fmt.Sprintf("-map '%s=%s'", h.names[i], f))
			}
			fmt.Fprintf(w, "contactcheck: warning: column %d %s looks like %s but is read as a custom field: %s reads it as such, -map '%s=-' ignores it\n",
				i+1, strconv.Quote(h.names[i]), f, strings.Join(maps, " or "), h.names[i])
		}
	}
}

// looksLike returns the field a header key seems to mean without matching
// it: within two edits of a field's name or an alias, or holding
// mail, phone or consent. "" when none.
func looksLike(key string) string {
	if len(key) >= 4 {
		best, field := 3, ""
		for _, k := range nearKeys {
			if d := editDistance(key, k.key, best); d < best {
				best, field = d, k.field
			}
		}
		if field != "" {
			return field
		}
	}
	switch {
	case strings.Contains(key, "mail"):
		return "email"
	case strings.Contains(key, "phone"):
		return "phone_number"
	case strings.Contains(key, "consent"):
		return "email_consent or sms_consent"
	}
	return ""
}

// nearKeys are the keys of the fields' names and the aliases, in the
// table's order, for looksLike.
var nearKeys = func() (keys []struct{ key, field string }) {
	for _, f := range fields {
		keys = append(keys, struct{ key, field string }{headerKey(f), f})
	}
	for _, a := range aliases {
		keys = append(keys, struct{ key, field string }{headerKey(a.name), a.field})
	}
	return keys
}()

// editDistance returns the Levenshtein distance of a and b (bytes), or
// limit when it is limit or more. b is short (a field's name or an
// alias): its rows are on the stack.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	var rows [2][64]int
	if len(b) >= len(rows[0]) {
		return limit
	}
	prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}
