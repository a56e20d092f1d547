package main

import (
	"fmt"
	"strconv"

	"github.com/contactrules/contactrules/advice"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/report"
)

// emit writes the results of a batch, and returns its read error. A
// valid row that repeats an earlier valid row's email or phone number is
// answered as a duplicate instead. The workers' lines between duplicates
// are written in one piece.
func (c *pipeline) emit(b *batch) error {
	out, fix := 0, 0 // the start of the lines not written yet
	start, fixStart := 0, 0
	for i := range b.items {
		it := &b.items[i]
		dup := 0
		if c.dedup && it.details == nil {
			dup = c.seen.check(it.keys, it.line)
		}
		if dup == 0 {
			c.sum.add(it.details)
			c.sum.addAdvice(it.advice)
		} else {
			c.sum.addDuplicate()
			if err := c.write(b, out, start, fix, fixStart); err != nil {
				return err
			}
			if _, err := c.out.Write(c.duplicate(it.line, dup)); err != nil {
				return err
			}
			out, fix = it.end, it.fixEnd
		}
		start, fixStart = it.end, it.fixEnd
		c.progress.tick(&c.sum, it.line, b.pos)
	}
	if err := c.write(b, out, start, fix, fixStart); err != nil {
		return err
	}
	return b.err
}

// write writes b.out[out:outEnd] and b.fix[fix:fixEnd].
func (c *pipeline) write(b *batch, out, outEnd, fix, fixEnd int) error {
	if _, err := c.out.Write(b.out[out:outEnd]); err != nil {
		return err
	}
	if c.fix != nil {
		if _, err := c.fix.Write(b.fix[fix:fixEnd]); err != nil {
			return fmt.Errorf("-fix: %w", err)
		}
	}
	return nil
}

// conflictBody is the error of a duplicate row: the API's conflict
// envelope, without the id of the existing contact, which a file does not
// have.
var conflictBody = errs.Error{Code: errs.Conflict}.AppendBody(nil)

// duplicate returns the answer for the row on line that repeats the row
// on line earlier.
func (c *pipeline) duplicate(line, earlier int) []byte {
	c.buf = append(c.buf[:0], `{"line":`...)
	c.buf = strconv.AppendInt(c.buf, int64(line), 10)
	c.buf = append(c.buf, `,"ok":false,"duplicate_of":`...)
	c.buf = strconv.AppendInt(c.buf, int64(earlier), 10)
	c.buf = append(c.buf, `,"error":`...)
	c.buf = append(c.buf, conflictBody...)
	return append(c.buf, "}\n"...)
}

// appendLine appends the result line of row line: {"line":N then the
// library's result {"ok":…}, whose "{" becomes ",".
func appendLine(out []byte, line int, res result) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(line), 10)
	at := len(out)
	out = report.AppendResult(out, res.details, res.effects)
	out[at] = ','
	if len(res.advice) > 0 {
		out = appendAdvice(out[:len(out)-1], res.advice)
		out = append(out, '}')
	}
	return append(out, '\n')
}

// appendAdvice appends the member "advice":[…], each advice as its JSON
// form: field, rule, message and the suggestion, which is for the person
// who fixes the file (it is derived from the row's value).
func appendAdvice(out []byte, as []advice.Advice) []byte {
	out = append(out, `,"advice":[`...)
	for i, a := range as {
		if i > 0 {
			out = append(out, ',')
		}
		out = jsonwire.AppendQuote(append(out, `{"field":`...), a.Field)
		out = jsonwire.AppendQuote(append(out, `,"rule":`...), a.Rule)
		out = jsonwire.AppendQuote(append(out, `,"message":`...), a.Message)
		if a.Suggestion != "" {
			out = jsonwire.AppendQuote(append(out, `,"suggestion":`...), a.Suggestion)
		}
		out = append(out, '}')
	}
	return append(out, ']')
}
