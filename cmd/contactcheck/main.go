// Contactcheck checks a file of contact payloads before it is imported
// through the contacts API, and says for each one what the API would
// answer: the same details, byte for byte, since it runs the same rules
// (package validate).
//
// Usage:
//
//	contactcheck [flags] [file ...]
//
// It reads NDJSON, one JSON object a line, from the files named in turn,
// or from standard input when none is named or a name is "-". For each
// line it writes one JSON line to standard output, in input order:
//
//	{"line":1,"ok":true,"effects":{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}}
//	{"line":2,"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"}]}}
//
// "error" is exactly the inner object of the API's error envelope;
// "effects" are the consent effects of an acceptable payload (SPEC.md
// section 4).
//
// Lines are numbered as if the files were one file, each ending with a
// newline: the first line of the second file follows the last line of the
// first. Every line counts, blank ones included, so N is the line an
// editor shows once the files are concatenated. A blank line (nothing but
// spaces, tabs and a CR) gets no output. A CR before the newline is not
// part of the payload, so CRLF files check as LF files do.
//
// A line longer than the body limit (-max-bytes, the API's 1 MiB by
// default) is answered with the API's base "must be at most N bytes"
// detail, without being held in memory: memory does not grow with the
// input, whatever its lines.
//
// The flags are:
//
//	-mode create|update
//		create (default): each line is the body of POST /v1/contacts.
//		update: each line is {"current":{…},"patch":{…}}: the contact as
//		stored (decoded as the API returns it, not itself checked; absent
//		or null for an empty contact) and the body of PATCH
//		/v1/contacts/{id}, which gets exactly the library's answer for
//		its bytes, however deep it nests. The body limit applies to the
//		whole line. A line that is not one well-formed JSON object with
//		exactly these members (names as written here, case included;
//		each at most once; patch present) gets the detail
//		{"field":"base","message":"must be a JSON object",
//		"rule":"json_object"}, as a malformed body does; a current that
//		does not decode as a contact gets {"field":"current",
//		"message":"must be a contact object","rule":"type"}.
//	-sms-regions US,CA
//		the regions whose numbers may subscribe to SMS (ISO 3166-1
//		codes, any case); empty means the default, US and CA.
//	-allow-unknown
//		do not report members the API does not know.
//	-legacy-consent
//		accept the consent value non_subscribed of older API versions.
//	-max-bytes N
//		the largest payload, in bytes (default 1048576).
//	-summary
//		after the run, write to standard error how many lines were
//		checked and how often each field failed with each message, most
//		frequent first (ties by field, then message). The tags of all
//		positions count as one field, tags[i]; past 1000 distinct rows,
//		further fields count as "(other fields)".
//
// When standard error is a terminal and standard output is not, a
// progress line is kept up to date on standard error during long runs.
//
// The exit status is 0 when every line is acceptable, 1 when some are not,
// and 2 on a usage error (an unknown flag, a bad region) or an I/O error
// (an unreadable file); after an I/O error the output stops at the line
// that could not be read.
//
// To check the bundled examples from the repository root:
//
//	go run ./cmd/contactcheck examples/contacts.ndjson
//	go run ./cmd/contactcheck -mode update examples/updates.ndjson
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitValid   = 0 // every line is acceptable
	exitInvalid = 1 // some line is not
	exitError   = 2 // usage or I/O error
)

// run is the whole program: it checks the input args name and returns the
// exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitValid
	}
	if err != nil {
		return exitError
	}
	return runConfig(cfg, stdin, stdout, stderr)
}

// runConfig runs the program as cfg says and returns the exit status.
func runConfig(cfg config, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newChecker(cfg, stdout)
	if isTerminal(stderr) && !isTerminal(stdout) {
		c.progress = newProgress(stderr, inputSize(cfg.files, stdin))
	}
	err := c.files(cfg.files, stdin)
	if cfg.summary {
		c.sum.write(stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "contactcheck: %v\n", err)
		return exitError
	}
	if c.sum.failed() > 0 {
		return exitInvalid
	}
	return exitValid
}

// config is what the command line asks for.
type config struct {
	update  bool
	policy  validate.Policy
	summary bool
	files   []string // none: standard input
	workers int      // 0: GOMAXPROCS
}

const usage = `usage: contactcheck [flags] [file ...]

Checks NDJSON contact payloads (one JSON object a line; standard input when
no file or "-" is named) and writes one JSON result a line. Exit status: 0
all valid, 1 some invalid, 2 usage or I/O error. Flags:
`

// parseArgs reads the command line. It reports a usage error on stderr,
// and returns flag.ErrHelp when help was asked for.
func parseArgs(args []string, stderr io.Writer) (config, error) {
	var (
		cfg     config
		mode    string
		regions string
	)
	fs := flag.NewFlagSet("contactcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&mode, "mode", "create", "`create` (lines are create bodies) or update (lines are {\"current\":…,\"patch\":…})")
	fs.StringVar(&regions, "sms-regions", "US,CA", "comma-separated `regions` whose numbers may subscribe to SMS")
	fs.BoolVar(&cfg.policy.AllowUnknownFields, "allow-unknown", false, "do not report members the API does not know")
	fs.BoolVar(&cfg.policy.AcceptLegacyConsent, "legacy-consent", false, "accept the legacy consent value non_subscribed")
	fs.IntVar(&cfg.policy.MaxBodyBytes, "max-bytes", validate.DefaultPolicy().MaxBodyBytes, "the largest payload, in `bytes`")
	fs.BoolVar(&cfg.summary, "summary", false, "write counts per field and message to standard error")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	fail := func(format string, a ...any) (config, error) {
		err := fmt.Errorf(format, a...)
		fmt.Fprintf(stderr, "contactcheck: %v\n", err)
		fs.Usage()
		return cfg, err
	}
	switch mode {
	case "create":
	case "update":
		cfg.update = true
	default:
		return fail("-mode must be create or update")
	}
	r, err := parseRegions(regions)
	if err != nil {
		return fail("-sms-regions: %v", err)
	}
	cfg.policy.SMSRegions = r
	if cfg.policy.MaxBodyBytes <= 0 {
		return fail("-max-bytes must be positive")
	}
	cfg.files = fs.Args()
	return cfg, nil
}

// parseRegions reads a comma-separated list of region codes. Case and
// spaces around codes do not matter; an empty list is the zero Regions,
// which the policy reads as the default.
func parseRegions(list string) (phone.Regions, error) {
	var codes []string
	for code := range strings.SplitSeq(list, ",") {
		if code = strings.TrimSpace(code); code != "" {
			codes = append(codes, strings.ToUpper(code))
		}
	}
	return phone.NewRegions(codes...)
}

// inputSize returns the size in bytes of the input, the named files or
// stdin, or 0 when it is not known (a pipe, a file that cannot be read).
func inputSize(names []string, stdin io.Reader) int64 {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var total int64
	for _, name := range names {
		var st os.FileInfo
		var err error
		if name == "-" {
			f, ok := stdin.(*os.File)
			if !ok {
				return 0
			}
			st, err = f.Stat()
		} else {
			st, err = os.Stat(name)
		}
		if err != nil || !st.Mode().IsRegular() {
			return 0
		}
		total += st.Size()
	}
	return total
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
