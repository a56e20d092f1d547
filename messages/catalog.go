package messages

import (
	"embed"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/errs"
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

// placeholders are the names a text gives the number its rule's message
// holds (validate.RuleID.Limit): a maximum, or for max_details the count
// of details listed. A text holds at most one of them.
var placeholders = [...]string{"{max}", "{count}"}

// render puts the number of rule k under p into its text t.
func render(k Key, t string, p validate.Policy) string {
	id, ok := validate.RuleOf(errs.FieldError{Field: k.Field, Rule: k.Rule})
	if !ok {
		return t // a caller's own rule: its text is as given
	}
	n := id.Limit(p)
	if n < 0 {
		return t
	}
	for _, ph := range placeholders {
		t = strings.Replace(t, ph, strconv.Itoa(n), 1)
	}
	return t
}
