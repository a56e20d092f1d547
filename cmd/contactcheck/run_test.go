package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/validate"
)

// TestRead checks how input is cut into lines: the line endings, the last
// line, and lines over the limit, also across the reader's buffer.
func TestRead(t *testing.T) {
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name  string
		in    string
		limit int
		buf   int // the reader's buffer size; 0 for the program's
		want  []string
	}{
		{name: "LF", in: "a\nb\n", limit: 10, want: []string{"a", "b"}},
		{name: "last line without newline", in: "a\nb", limit: 10, want: []string{"a", "b"}},
		{name: "CRLF", in: "a\r\nb\r\n", limit: 10, want: []string{"a", "b"}},
		{name: "CR inside a line is part of it", in: "a\rb\n", limit: 10, want: []string{"a\rb"}},
		{name: "CR at the end of input is part of the line", in: "a\r", limit: 10, want: []string{"a\r"}},
		{name: "blank lines are lines", in: "\n \n\r\n", limit: 10, want: []string{"", " ", ""}},
		{name: "empty input", in: "", limit: 10, want: nil},
		{name: "at the limit", in: x(10) + "\n", limit: 10, want: []string{x(10)}},
		{name: "at the limit with CRLF", in: x(10) + "\r\n", limit: 10, want: []string{x(10)}},
		{name: "over the limit, whole when it fits the buffer", in: x(11) + "\ny\n", limit: 10, want: []string{x(11), "y"}},
		{name: "longer than the buffer, at the limit", in: x(40) + "\r\ny", limit: 40, buf: 16, want: []string{x(40), "y"}},
		{name: "longer than the buffer, limit+2 with CRLF", in: x(20) + "\r\ny\n", limit: 20, buf: 16, want: []string{x(20), "y"}},
		{name: "longer than the buffer, limit+2 with LF, cut", in: x(22) + "\ny\n", limit: 20, buf: 16, want: []string{x(21), "y"}},
		{name: "far over the limit, cut to limit+1", in: x(1000) + "\r\ny\r\n", limit: 20, buf: 16, want: []string{x(21), "y"}},
		{name: "far over the limit at the end of input", in: "y\n" + x(1000), limit: 20, buf: 16, want: []string{"y", x(21)}},
		{name: "far over the default buffer", in: x(3*readSize) + "\ny", limit: 100, want: []string{x(101), "y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newPipeline(config{policy: validate.Policy{MaxBodyBytes: tt.limit}}, io.Discard)
			if tt.buf > 0 {
				c.in = bufio.NewReaderSize(nil, tt.buf)
			}
			c.in.Reset(strings.NewReader(tt.in))
			var got []string
			for {
				b, err := c.read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, string(b))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}

// runString runs the program in-process on input as standard input.
func runString(t *testing.T, input string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(input), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestOutputIsResult checks the output format against the library: line
// N gives {"line":N, followed by report.AppendResult without its
// "{", whatever the payload.
func TestOutputIsResult(t *testing.T) {
	input, err := os.ReadFile("../../examples/contacts.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	input = append(input, "\n  \n{}\n"...)
	stdout, _, _ := runString(t, string(input))
	var want strings.Builder
	for i, line := range strings.Split(strings.TrimSuffix(string(input), "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		_, eff, d := validate.CreateJSON([]byte(line), validate.Policy{})
		res := report.AppendResult(nil, d, eff)
		fmt.Fprintf(&want, "{\"line\":%d,%s\n", i+1, res[1:])
	}
	if stdout != want.String() {
		t.Errorf("output differs from the library's results:\n got: %s\nwant: %s", stdout, want.String())
	}
}

// TestCRLFSameAsLF checks that a file with CRLF line endings gives the
// output of the same file with LF endings, NDJSON and CSV (where a quoted
// cell's line break is LF either way).
func TestCRLFSameAsLF(t *testing.T) {
	for _, mode := range []struct{ file, mode, format string }{
		{"../../examples/contacts.ndjson", "create", "ndjson"},
		{"../../examples/updates.ndjson", "update", "ndjson"},
		{"../../examples/contacts.csv", "create", "csv"},
		{"testdata/quoting.csv", "create", "csv"},
	} {
		lf, err := os.ReadFile(mode.file)
		if err != nil {
			t.Fatal(err)
		}
		crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
		wantOut, _, wantCode := runString(t, string(lf), "-mode", mode.mode, "-format", mode.format)
		gotOut, _, gotCode := runString(t, string(crlf), "-mode", mode.mode, "-format", mode.format)
		if gotOut != wantOut || gotCode != wantCode {
			t.Errorf("%s: CRLF gives status %d and\n%s\nLF gives status %d and\n%s", mode.file, gotCode, gotOut, wantCode, wantOut)
		}
	}
}

// TestSummaryOrder checks that the summary counts details by field and
// message, folds the element fields of tags, and orders rows by count,
// then field, then message.
func TestSummaryOrder(t *testing.T) {
	s := summary{detailed: true}
	d := func(field, message string) errs.FieldError { return errs.FieldError{Field: field, Message: message} }
	s.add(nil)
	s.add([]errs.FieldError{d("tags[0]", "bad tag"), d("tags[7]", "bad tag"), d("email", "b")})
	s.add([]errs.FieldError{d("email", "a"), d("base", "z")})
	s.add([]errs.FieldError{d("email", "b"), d("base", "z")})
	s.addDuplicate()
	var out strings.Builder
	s.write(&out)
	want := `contactcheck: 5 rows checked: 1 ok, 3 invalid, 1 duplicate
      2  base     z
      2  email    b
      2  tags[i]  bad tag
      1  email    a
`
	if out.String() != want {
		t.Errorf("summary:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestSummaryBounded checks that member names from the input cannot grow
// the summary without bound.
func TestSummaryBounded(t *testing.T) {
	var in strings.Builder
	const extra = 500
	for i := range maxSummaryKeys + extra {
		fmt.Fprintf(&in, "{\"email\":\"a@example.com\",\"x%d\":1}\n", i)
	}
	_, stderr, code := runString(t, in.String(), "-summary")
	if code != exitInvalid {
		t.Errorf("exit status %d, want %d", code, exitInvalid)
	}
	rows := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")[1:]
	if len(rows) != maxSummaryKeys+1 {
		t.Errorf("%d summary rows, want %d", len(rows), maxSummaryKeys+1)
	}
	if want := fmt.Sprintf("%7d  %s", extra, otherFields); !strings.HasPrefix(rows[0], want) {
		t.Errorf("first row %q, want it to start with %q", rows[0], want)
	}
}

// TestProgress checks the progress line's timing with a fake clock:
// silent for the first second, then at most every progressPeriod, erased
// at the end; and what it says.
func TestProgress(t *testing.T) {
	var clock time.Time
	var out strings.Builder
	p := &progress{w: &out, now: func() time.Time { return clock }, start: clock, total: 1000}
	p.next = clock.Add(progressDelay)
	var s summary
	steps := []struct {
		advance time.Duration
		ticks   int
		want    string // output of this step
	}{
		{0, progressRows, ""},
		{progressDelay - time.Millisecond, progressRows, ""},
		{time.Millisecond, progressRows - 1, ""}, // the clock is not read between
		{0, 1, "\rcontactcheck: line 49152 (49%), 49152 rows/s, 0 invalid, 0 duplicate\x1b[K"},
		{progressPeriod / 2, progressRows, ""},
		{progressPeriod / 2, progressRows, "\rcontactcheck: line 81920 (81%), 65536 rows/s, 0 invalid, 0 duplicate\x1b[K"},
	}
	for i, st := range steps {
		clock = clock.Add(st.advance)
		before := out.Len()
		for range st.ticks {
			s.add(nil)
			p.tick(&s, s.rows, int64(s.rows/100))
		}
		if got := out.String()[before:]; got != st.want {
			t.Errorf("step %d: wrote %q, want %q", i, got, st.want)
		}
	}
	before := out.Len()
	p.done()
	if got := out.String()[before:]; got != "\r\x1b[K" {
		t.Errorf("done wrote %q, want the line erased", got)
	}

	quiet := newProgress(&out, 0)
	quiet.tick(&s, 1, 0)
	before = out.Len()
	quiet.done()
	var none *progress
	none.tick(&s, 1, 0)
	none.done()
	if out.Len() != before {
		t.Errorf("a run that showed no progress wrote %q at the end", out.String()[before:])
	}
}

// TestDocNamesEveryFlag keeps the package documentation true: every flag
// the program defines is described there.
func TestDocNamesEveryFlag(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	_, usage, code := runString(t, "", "-h")
	if code != exitValid {
		t.Fatalf("-h: exit status %d", code)
	}
	flags := regexp.MustCompile(`(?m)^  -(\S+)`).FindAllStringSubmatch(usage, -1)
	if len(flags) < 6 {
		t.Fatalf("found %d flags in the usage:\n%s", len(flags), usage)
	}
	for _, m := range flags {
		if !strings.Contains(doc, "\t-"+m[1]) {
			t.Errorf("the package doc does not describe -%s", m[1])
		}
	}
}

// TestUnboundedInputBoundedMemory streams 200,000 lines and a 64 MiB line
// through run and checks that the live heap stays small: neither the
// output nor the long line is held.
func TestUnboundedInputBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 100 MB")
	}
	lines, err := os.ReadFile("../../examples/contacts.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	const n = 200_000
	var peak heapPeak
	sample := peak.sample
	half := &repeatLines{lines: bytes.SplitAfter(bytes.TrimSuffix(lines, []byte("\n")), []byte("\n")), n: n / 2, every: n / 20, sample: sample}
	giant := io.MultiReader(
		strings.NewReader(`{"email":"a@example.com","first_name":"`),
		io.LimitReader(repeatByte('x'), 64<<20),
		strings.NewReader("\"}\n"),
	)
	rest := *half
	in := io.MultiReader(half, giant, &rest)
	var out countingWriter
	sample()
	base := peak
	code := run(nil, in, &out, io.Discard)
	sample()
	if code != exitInvalid {
		t.Errorf("exit status %d, want %d", code, exitInvalid)
	}
	if out.lines < n/2 {
		t.Errorf("%d output lines, want at least %d", out.lines, n/2)
	}
	const bound = 8 << 20
	if grew := peak - base; grew > bound {
		t.Errorf("the live heap grew by %d bytes while streaming, want at most %d", grew, bound)
	}
	t.Logf("live heap grew by at most %d KiB over %d lines and a 64 MiB line", (peak-base)>>10, n)
}

// repeatLines yields n lines, cycling through lines, and calls sample
// every so many lines.
type repeatLines struct {
	lines  [][]byte
	n, i   int
	every  int
	sample func()
	cur    []byte
}

func (r *repeatLines) Read(p []byte) (int, error) {
	if len(r.cur) == 0 {
		if r.i == r.n {
			return 0, io.EOF
		}
		if r.i%r.every == 0 {
			r.sample()
		}
		r.cur = r.lines[r.i%len(r.lines)]
		r.i++
	}
	k := copy(p, r.cur)
	r.cur = r.cur[k:]
	return k, nil
}

type repeatByte byte

func (b repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

type countingWriter struct{ lines int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

// TestCheckAllocatesNothingOfItsOwn checks that, once its buffers have
// grown, a worker allocates nothing per line beyond what the library
// calls themselves allocate.
func TestCheckAllocatesNothingOfItsOwn(t *testing.T) {
	lines := []string{
		`{"email":"ada@example.com","phone_number":"+12015550123","first_name":"Ada","last_name":"Lovelace","tags":["a","b"],"custom_fields":{"plan":"pro","seats":3,"trial":false},"email_consent":"subscribed","sms_consent":"subscribed"}`,
		`{"email":"not-an-address","phone":"+12015550123"}`,
		`{"email":`,
	}
	for _, line := range lines {
		b := &batch{data: []byte(line)}
		it := item{line: 1, a: 0, b: len(line)}
		c := newPipeline(config{}, io.Discard)
		w := c.newWorker()
		var buf []byte
		library := testing.AllocsPerRun(100, func() {
			_, eff, d := validate.CreateJSON(b.data, c.cfg.policy)
			buf = report.AppendResult(buf[:0], d, eff)
		})
		program := testing.AllocsPerRun(100, func() {
			b.out = w.row(b.out[:0], &it, b)
		})
		if program > library {
			t.Errorf("%s: %.0f allocations a line, the library's calls %.0f", line, program, library)
		}
	}
}

// TestSMSNeedsMobileFlag: -sms-needs-mobile is the policy's SMSNeedsMobile,
// with the library's answer for each line.
func TestSMSNeedsMobileFlag(t *testing.T) {
	line := `{"phone_number":"+18002530000","sms_consent":"subscribed"}`
	want := `{"line":1,"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"requires a mobile phone number","rule":"sms_mobile"}]}}` + "\n"
	if got, _, _ := runString(t, line+"\n", "-sms-needs-mobile"); got != want {
		t.Errorf("-sms-needs-mobile: got %s, want %s", got, want)
	}
	if got, _, _ := runString(t, line+"\n"); strings.Contains(got, "sms_mobile") {
		t.Errorf("without the flag: %s", got)
	}
}

// TestLongBlankLine checks that a blank NDJSON line gets no answer however
// long it is, as docs/bulk.md says (issue 23: a line of 100 MB of spaces
// got max_bytes), while a long line that is blank only in part gets the
// limit's detail.
func TestLongBlankLine(t *testing.T) {
	spaces := strings.Repeat(" \t", 100_000)
	in := `{"email":"a@example.com"}` + "\n" + spaces + "\r\n" + spaces + "x\n" + "x" + spaces + "\n" + `{"email":"b@example.com"}` + "\n"
	out, _, _ := runString(t, in, "-max-bytes", "64")
	var got []string
	for l := range strings.Lines(out) {
		line, rest, _ := strings.Cut(strings.TrimPrefix(l, `{"line":`), ",")
		if strings.Contains(rest, `"ok":true`) {
			got = append(got, line+":ok")
		} else if strings.Contains(rest, "max_bytes") {
			got = append(got, line+":max_bytes")
		} else {
			got = append(got, line+":?")
		}
	}
	if g, want := strings.Join(got, " "), "1:ok 3:max_bytes 4:max_bytes 5:ok"; g != want {
		t.Errorf("answers %s, want %s", g, want)
	}
}
