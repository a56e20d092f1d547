package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/contactrules/contactrules/advice"
	"github.com/contactrules/contactrules/errs"
)

// maxSummaryKeys bounds the distinct field and message pairs a summary
// counts, since field names of unknown members come from the input; the
// rest are counted under otherFields.
const (
	maxSummaryKeys = 1000
	otherFields    = "(other fields)"
)

// A summary counts rows by outcome (ok, invalid, duplicate) and, when
// detailed, the details of invalid rows by field and message.
type summary struct {
	detailed  bool
	rows      int // rows checked (blank lines are none)
	invalid   int
	duplicate int
	counts    map[detailKey]int
	advised   int               // ok rows with advice (-advice)
	advice    map[detailKey]int // advice by field and rule name
}

// addAdvice counts the advice on an ok row.
func (s *summary) addAdvice(as []advice.Advice) {
	if len(as) == 0 {
		return
	}
	s.advised++
	if s.advice == nil {
		s.advice = make(map[detailKey]int)
	}
	for _, a := range as {
		s.advice[detailKey{a.Field, a.Rule}]++ // the table's own strings: a bounded set
	}
}

type detailKey struct{ field, message string }

// addDuplicate counts a row refused as a duplicate.
func (s *summary) addDuplicate() {
	s.rows++
	s.duplicate++
}

// add counts a row with its details (none: ok).
func (s *summary) add(details []errs.FieldError) {
	s.rows++
	if len(details) > 0 {
		s.invalid++
	}
	if !s.detailed {
		return
	}
	if s.counts == nil {
		s.counts = make(map[detailKey]int)
	}
	for _, d := range details {
		k := detailKey{summaryField(d.Field), d.Message}
		if _, ok := s.counts[k]; !ok {
			if len(s.counts) >= maxSummaryKeys {
				k.field = otherFields
			}
			// The strings may be views of a buffer the next line reuses.
			k = detailKey{strings.Clone(k.field), strings.Clone(k.message)}
		}
		s.counts[k]++
	}
}

// summaryField folds the per-element fields of tags, "tags[3]", into one
// "tags[i]": what failed matters, not where.
func summaryField(f string) string {
	if strings.HasPrefix(f, "tags[") {
		return "tags[i]"
	}
	return f
}

// failed is the number of rows that are not ok.
func (s *summary) failed() int { return s.invalid + s.duplicate }

// write writes the summary: the counts of rows by outcome, then one row
// per field and message, most frequent first, ties by field then message.
func (s *summary) write(w io.Writer) {
	fmt.Fprintf(w, "contactcheck: %d rows checked: %d ok, %d invalid, %d duplicate\n", s.rows, s.rows-s.failed(), s.invalid, s.duplicate)
	writeCounts(w, s.counts)
	if s.advice != nil {
		fmt.Fprintf(w, "contactcheck: advice on %d ok rows\n", s.advised)
		writeCounts(w, s.advice)
	}
}

// writeCounts writes one row per key, most frequent first, ties by field
// then message.
func writeCounts(w io.Writer, counts map[detailKey]int) {
	type row struct {
		detailKey
		n int
	}
	rows := make([]row, 0, len(counts))
	for k, n := range counts {
		rows = append(rows, row{k, n})
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.field, b.field), cmp.Compare(a.message, b.message))
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%7d\t%s\t%s\n", r.n, r.field, r.message)
	}
	tw.Flush()
}
