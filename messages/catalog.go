package messages

import (
	"embed"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/validate"
)

// languages are the catalogs, English (the fallback) first; each is the
// file catalog/<language>.json.
var languages = []string{"en", "de", "es", "fr", "it", "nl", "pt-BR", "ja"}

//go:embed catalog/*.json
var files embed.FS

// builtin are the catalogs of the files, in the order of languages. The
// files are part of the package and tested, so reading them cannot fail
// at run time.
var builtin = func() []*Catalog {
	cats := make([]*Catalog, len(languages))
	for i, lang := range languages {
		c, err := load(lang)
		if err != nil {
			panic("messages: catalog/" + lang + ".json: " + err.Error())
		}
		cats[i] = c
	}
	return cats
}()

// load reads catalog/<lang>.json: an object of field families, each an
// object of rule names and texts.
func load(lang string) (*Catalog, error) {
	b, err := files.ReadFile("catalog/" + lang + ".json")
	if err != nil {
		return nil, err
	}
	var doc map[string]map[string]string
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	c := &Catalog{lang: lang, texts: make(map[Key]string)}
	for field, rules := range doc {
		for rule, text := range rules {
			c.texts[Key{field, rule}] = text
		}
	}
	return c, nil
}

// limits are the numbers texts may hold, resolved from a policy.
type limits struct {
	name, tag, tags, body, details int
}

// limitsOf resolves p's limits as validate does: a zero (or negative)
// limit means its default.
func limitsOf(p validate.Policy) limits {
	d := validate.DefaultPolicy()
	or := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	return limits{
		name:    or(p.MaxNameLength, d.MaxNameLength),
		tag:     or(p.MaxTagLength, d.MaxTagLength),
		tags:    or(p.MaxTags, d.MaxTags),
		body:    or(p.MaxBodyBytes, d.MaxBodyBytes),
		details: or(p.MaxDetails, d.MaxDetails),
	}
}

// A placeholder is the number a rule's texts hold: its name in the texts
// and its value under a policy's limits.
type placeholder struct {
	name  string
	value func(limits) int
}

// placeholders are the rules whose texts hold a number.
var placeholders = map[Key]placeholder{
	{"base", "max_bytes"}:        {"{max}", func(l limits) int { return l.body }},
	{"base", "max_details"}:      {"{count}", func(l limits) int { return l.details - 1 }},
	{"first_name", "max_length"}: {"{max}", func(l limits) int { return l.name }},
	{"last_name", "max_length"}:  {"{max}", func(l limits) int { return l.name }},
	{"tags", "max_items"}:        {"{max}", func(l limits) int { return l.tags }},
	{"tags[i]", "tag"}:           {"{max}", func(l limits) int { return l.tag }},
}

// render puts the number of rule k under l into its text t.
func render(k Key, t string, l limits) string {
	if ph, ok := placeholders[k]; ok {
		t = strings.ReplaceAll(t, ph.name, strconv.Itoa(ph.value(l)))
	}
	return t
}
