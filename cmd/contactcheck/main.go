// Contactcheck checks a file of contacts before it is imported through
// the contacts API, and says for each row what the API would answer: the
// same details, byte for byte, since it runs the same rules (package
// validate). It reads NDJSON (one create payload a line) and CSV (a
// header row, then one contact a row); docs/bulk.md is the contract.
//
// Usage:
//
//	contactcheck [flags] [file ...]
//
// It reads the files named in turn, or standard input when none is named
// or a name is "-". A file whose name ends in .csv (any case) is CSV,
// any other file and standard input NDJSON, unless -format says. For each
// row it writes one JSON line to standard output, in input order whatever
// the number of cores used:
//
//	{"line":1,"ok":true,"effects":{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}}
//	{"line":2,"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"}]}}
//	{"line":4,"ok":false,"duplicate_of":1,"error":{"code":"conflict","message":"A contact with this email or phone number already exists"}}
//
// "error" is exactly the inner object of the API's error envelope;
// "effects" are the consent effects of an acceptable row
// (docs/consent.md).
//
// # Lines
//
// "line" is the physical line where the row starts. Lines are numbered as
// if the files were one file, each ending with a newline: the first line
// of the second file follows the last line of the first. Every line
// counts, blank ones included, so N is the line an editor shows once the
// files are concatenated.
//
// # NDJSON
//
// A blank line (nothing but spaces, tabs and a CR), however long, gets
// no output. A CR
// before the newline is not part of the payload, so CRLF files check as
// LF files do. A line longer than the body limit (-max-bytes, the API's 1
// MiB by default) is answered with the API's base "must be at most N
// bytes" detail, without being held in memory.
//
// # CSV
//
// The first row holds the column headers. Its delimiter is read from it,
// as spreadsheets and import tools do: the most frequent of comma,
// semicolon (Excel in German, French, …) and tab, else a comma;
// -delimiter says it instead. A header is matched by its letters and
// digits in any case ("E-mail", "EMAIL" and "e_mail" are one name):
// the fields' own names, the names the common tools write in their
// exports ("Email Address", "Given Name", "Surname", "Mobile Phone",
// "Phone 1 - Value", "Email Marketing Consent", "Accepts SMS
// Marketing", … docs/bulk.md lists them by tool), and other consent
// columns by meaning ("Newsletter Subscription", "Text Message Opt In
// Status"; not "Unsubscribed from all email" nor "Email Consent Date"). "phone region" names the region of the
// row's phone number, as a form's country select does. Every other
// column is a custom field named by its header in lower case, spaces and
// hyphens written as underscores ("Loyalty Tier" is loyalty_tier), with
// the cell as a string. -map says how a column is read by hand.
//
// Before the first row, how each column is read (field, custom field,
// ignored) is written to standard error, with a warning for a header
// that looks like a field but became a custom field ("E-Mial", "Work
// Email"): a mapping is never silent. When several columns mean one
// field (HubSpot's "Phone Number" and "Mobile Phone"), a row reads the
// first of them that is filled: a -map column, then the field's own name,
// then the aliases in docs/bulk.md's order. A byte order mark before the
// first header is ignored. A header row with a column without a name, or
// two columns of one name (or one custom field), makes the file
// unreadable (exit status 2).
//
// A CSV file is UTF-8, or Windows-1252 under -encoding windows-1252 (as
// Excel saves "CSV" in Western Europe). When the first 64 KiB of a file
// are not UTF-8 but read as Windows-1252, the file stops before any row
// is answered, with a message naming the flag.
//
// Each later row is checked as the library checks a contact form posting
// the row's cells (validate.CreateForm): the white space around a cell
// is dropped and an empty cell is absent; a tags cell holds tags
// separated by commas or semicolons, each without the spaces around it,
// empty ones dropped ("vip; gold," is vip and gold); a phone cell is a
// number as people type it, with separators, "+" and a country code or
// in national form, read in -region; a consent cell is read in any case
// ("Subscribed" is subscribed), and its checkbox words as
// -email-consent-checked and -sms-consent-checked say. A row of empty or
// blank cells (as spreadsheets write after the data) gets no output.
// Quoting and line breaks follow RFC 4180 (encoding/csv): a quoted cell
// may hold delimiters, quotes ("") and line breaks, so a row may span
// lines; CRLF and LF both end rows. A row with more or fewer cells than
// the header gets one detail, {"field":"base","message":"must have one
// value per column","rule":"columns"}; a row encoding/csv cannot read (a
// stray quote) gets {"field":"base","message":"must be a well-formed CSV
// row","rule":"csv"}. A row longer than -max-bytes gets the "must be at
// most N bytes" detail; when it is far longer (an unclosed quote, a
// quoted cell of 50 MB), the rest of the file cannot be cut into rows,
// and the run stops there with exit status 2: the rows after it get no
// answer.
//
// # Duplicates
//
// In create mode, a valid row whose email or phone number equals that of
// an earlier valid row (of any file of the run) is answered as the API
// answers the second create, with a conflict, and "duplicate_of" names
// the earlier row's line (the earliest, when the email and the phone
// number match different rows). Emails are compared as on update: the
// domain in any ASCII case, the local part exactly; phone numbers in
// canonical E.164, so "(201) 555-0123" in a US file and "+12015550123"
// are one number. Invalid rows and duplicates claim nothing. The rows
// seen are remembered as 64-bit hashes with their lines, at most 32 bytes
// each per distinct email or phone number; two different values are
// taken for one only if their hashes collide, a chance below n²/2⁶⁵ for n
// values (3·10⁻⁸ for two million).
//
// # Flags
//
//	-mode create|update
//		create (default): each row is the body of POST /v1/contacts.
//		update: each line is {"current":{…},"patch":{…}} (NDJSON only):
//		the contact as stored (decoded as the API returns it, not
//		itself checked; absent or null for an empty contact) and the
//		body of PATCH /v1/contacts/{id}, which gets exactly the
//		library's answer for its bytes, however deep it nests. The body
//		limit applies to the whole line. A line that is not one
//		well-formed JSON object with exactly these members (names as
//		written here, case included; each at most once; patch present)
//		gets the detail {"field":"base","message":"must be a JSON
//		object","rule":"json_object"}, as a malformed body does; a
//		current that does not decode as a contact gets
//		{"field":"current","message":"must be a contact object",
//		"rule":"type"}. There are no duplicates in update mode.
//	-format csv|ndjson
//		read every input in this format, whatever its name.
//	-region US
//		the region (ISO 3166-1 code, any case) in which the national
//		phone numbers of CSV files are read: "(201) 555-0123" in US,
//		"020 7183 8750" in GB. A row's "phone region" cell, when the
//		file has that column and the cell is filled, takes precedence.
//	-duplicates=false
//		check each row on its own, without the duplicate check.
//	-fix file
//		write the rows answered ok to file, in input order, as NDJSON
//		create payloads ready to send: the contact as the API would
//		store it, phone numbers in canonical E.164 (typed numbers of CSV
//		files converted), tags and custom fields as read (CSV custom
//		fields in name order), a consent only when the row sent one
//		(the API applies the same defaults to the others), a legacy
//		consent value written as the value it stands for. Duplicates
//		and invalid rows are left out. Not in update mode.
//	-sms-regions US,CA
//		the regions whose numbers may subscribe to SMS (ISO 3166-1
//		codes, any case); empty means the default, US and CA.
//	-allow-unknown
//		do not report members the API does not know (NDJSON).
//	-legacy-consent
//		accept the consent value non_subscribed of older API versions.
//	-sms-needs-mobile
//		refuse SMS consent for a number whose type cannot take SMS: a
//		landline, toll-free, premium-rate, shared-cost, UAN, voicemail
//		or pager number (rule sms_mobile; US and CA numbers pass).
//	-map 'Header=field'
//		read the CSV column of that header (matched as headers are) as
//		field: a field's name (email, phone_number, phone_region,
//		first_name, last_name, tags, email_consent, sms_consent,
//		send_welcome_sms), custom_fields.<key>, or - to ignore the
//		column. Repeatable; a -map column is read before any other of
//		its field.
//	-delimiter , | ; | tab
//		the delimiter of CSV files (default: read from the header row).
//	-encoding utf-8 | windows-1252
//		the encoding of CSV files (default utf-8).
//	-ignore csrf_token,submit
//		member names (comma-separated) neither read nor reported:
//		members of an NDJSON payload, and CSV columns of that header
//		(Policy.IgnoreMembers). A field's own name is read whatever the
//		list says.
//	-email-consent-checked VALUE
//	-sms-consent-checked VALUE
//		the consent value (subscribed, say) that a checkbox word in a
//		CSV consent cell means: yes, on, true or 1, any case
//		(Policy.EmailConsentChecked, SMSConsentChecked). Unset, these
//		words are refused (enum), as are no, false, off and 0 under
//		every setting: they cannot tell never_subscribed from
//		unsubscribed.
//	-max-bytes N
//		the largest payload, an NDJSON line or a CSV row, in bytes
//		(default 1048576).
//	-max-name N
//		the longest first_name and last_name, in characters (default 255).
//	-max-tag N
//		the longest tag, in characters (default 255).
//	-max-tags N
//		the most tags (default 100).
//	-possible-phone
//		check phone numbers for a possible length for their calling
//		code only, not full validity.
//	-advice
//		add to the line of each valid row the advice on it (package
//		advice), as "advice":[{"field":…,"rule":…,"message":…,
//		"suggestion":…}]: an email domain that looks mistyped, with the
//		corrected address as the suggestion; a role address (info@,
//		support@, …); an SMS opt-in for a number that cannot take SMS; a
//		CSV row whose typed number's country code is not its Phone
//		Region. Advice is not a failure: the row stays ok, the exit
//		status is unchanged. The suggestion is derived from the row's
//		value: do not log it. With -summary, the advice is counted by
//		field and rule.
//	-summary
//		after the run, write to standard error how many rows were
//		checked, how many were ok, invalid and duplicates, and how often
//		each field failed with each message, most frequent first (ties
//		by field, then message). The tags of all positions count as one
//		field, tags[i]; past 1000 distinct rows, further fields count as
//		"(other fields)".
//
// When standard error is a terminal and standard output is not, a
// progress line is kept up to date on standard error during long runs:
// the line reached, the share of the input read (when its size is known),
// rows per second, and the invalid rows and duplicates so far.
//
// # Cores and memory
//
// One goroutine reads, GOMAXPROCS goroutines check batches of rows, and
// one writes the answers in input order; the duplicate check, the summary
// and -fix are done in that order too, so the output is the same bytes
// for any number of cores. At most a fixed number of rows and bytes are
// in flight, so memory does not grow with the input, but for the
// duplicate check's hashes.
//
// # Exit status
//
// 0 when every row is ok, 1 when some are invalid or duplicates, and 2 on
// a usage error (an unknown flag, a bad region) or an I/O error (an
// unreadable file, a CSV header that cannot be used); after an I/O error
// the output stops at the row that could not be read.
//
// To check the bundled examples from the repository root:
//
//	go run ./cmd/contactcheck examples/contacts.ndjson
//	go run ./cmd/contactcheck -mode update examples/updates.ndjson
//	go run ./cmd/contactcheck -summary -fix contacts.fixed.ndjson examples/contacts.csv
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "schema" {
		os.Exit(runSchema(os.Args[2:], os.Stdout, os.Stderr)) // schema.go
	}
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
	c := newPipeline(cfg, stdout)
	c.stderr = stderr
	var fix *os.File
	if cfg.fix != "" {
		var err error
		if fix, err = os.Create(cfg.fix); err != nil {
			fmt.Fprintf(stderr, "contactcheck: -fix: %v\n", err)
			return exitError
		}
		c.fix = bufio.NewWriterSize(fix, writeSize)
	}
	if isTerminal(stderr) && !isTerminal(stdout) {
		c.progress = newProgress(stderr, inputSize(cfg.files, stdin))
	}
	err := c.files(cfg.files, stdin)
	if fix != nil {
		if cerr := fix.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("-fix: %w", cerr)
		}
	}
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
	update       bool
	format       string // "csv", "ndjson", or "" (by file name)
	policy       validate.Policy
	summary      bool
	advice       bool     // -advice: each valid row's advice on its line
	fix          string   // -fix file; "": none
	noDuplicates bool     // -duplicates=false: no duplicate check
	files        []string // none: standard input

	// CSV files.
	columns   mapping // -map, -ignore
	delimiter rune    // -delimiter; 0: read from the header row
	encoding  string  // -encoding: "utf-8" or "windows-1252"
}

// isCSV reports whether the named file is read as CSV.
func (cfg config) isCSV(name string) bool {
	if cfg.format != "" {
		return cfg.format == "csv"
	}
	return name != "-" && strings.EqualFold(filepath.Ext(name), ".csv")
}

const usage = `usage: contactcheck [flags] [file ...]

Checks contacts in NDJSON (one create payload a line) or CSV (a header row,
then one contact a row; files named *.csv) from the files named, or from
standard input when none or "-" is named, and writes one JSON result a row.
Exit status: 0 all ok, 1 some invalid or duplicate, 2 usage or I/O error.
Flags:
`

// parseArgs reads the command line. It reports a usage error on stderr,
// and returns flag.ErrHelp when help was asked for.
func parseArgs(args []string, stderr io.Writer) (config, error) {
	var (
		cfg        config
		mode       string
		region     string
		duplicates bool
		delimiter  string
		ignore     string
		emailOn    string
		smsOn      string
	)
	fs := flag.NewFlagSet("contactcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&mode, "mode", "create", "`create` (lines are create bodies) or update (lines are {\"current\":…,\"patch\":…})")
	fs.StringVar(&cfg.format, "format", "", "`csv` or ndjson: how to read every input (default: CSV for names ending in .csv, else NDJSON)")
	fs.StringVar(&region, "region", "US", "the `region` typed national phone numbers of CSV files are read in")
	fs.BoolVar(&duplicates, "duplicates", true, "answer a row that repeats an earlier valid row's email or phone number as a conflict")
	fs.StringVar(&cfg.fix, "fix", "", "write the valid rows to `file` as NDJSON create payloads, phone numbers in E.164")
	policyDone := policyFlags(fs, &cfg.policy)
	fs.BoolVar(&cfg.summary, "summary", false, "write counts per field and message to standard error")
	fs.BoolVar(&cfg.advice, "advice", false, "add the advice on each valid row (a likely typo in the email's domain, a role address, …) to its line")
	fs.Func("map", "read the CSV column `Header=field` as field (a field's name, custom_fields.<key>, or - to ignore the column); repeatable", cfg.columns.parseMap)
	fs.StringVar(&delimiter, "delimiter", "", "the `delimiter` of CSV files: , ; or tab (default: read from the header row)")
	fs.StringVar(&cfg.encoding, "encoding", "utf-8", "the `encoding` of CSV files: utf-8 or windows-1252")
	fs.StringVar(&ignore, "ignore", "", "comma-separated member `names` neither read nor reported (form inputs, JSON members, CSV columns)")
	fs.StringVar(&emailOn, "email-consent-checked", "", "the email consent `value` a checkbox word (on, true, 1, yes) means in a consent cell; empty: refused")
	fs.StringVar(&smsOn, "sms-consent-checked", "", "the SMS consent `value` a checkbox word (on, true, 1, yes) means in a consent cell; empty: refused")
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
	switch cfg.format {
	case "", "csv", "ndjson":
	default:
		return fail("-format must be csv or ndjson")
	}
	cfg.policy.DefaultRegion = strings.ToUpper(strings.TrimSpace(region))
	if !phone.IsRegion(cfg.policy.DefaultRegion) {
		return fail("-region must be a region code such as US or GB")
	}
	cfg.noDuplicates = !duplicates
	cfg.files = fs.Args()
	if cfg.update && cfg.fix != "" {
		return fail("-fix needs -mode create")
	}
	if cfg.update && (cfg.format == "csv" || slices.ContainsFunc(cfg.files, cfg.isCSV)) {
		return fail("-mode update reads NDJSON only")
	}
	if err := policyDone(); err != nil {
		return fail("%v", err)
	}
	switch delimiter {
	case "":
	case ",", ";":
		cfg.delimiter = rune(delimiter[0])
	case "tab", "\t", "\\t":
		cfg.delimiter = '\t'
	default:
		return fail("-delimiter must be , ; or tab")
	}
	switch strings.ToLower(cfg.encoding) {
	case "utf-8", "utf8":
		cfg.encoding = "utf-8"
	case "windows-1252", "cp1252":
		cfg.encoding = "windows-1252"
	default:
		return fail("-encoding must be utf-8 or windows-1252")
	}
	for name := range strings.SplitSeq(ignore, ",") {
		if name = strings.TrimSpace(name); name != "" {
			cfg.policy.IgnoreMembers = append(cfg.policy.IgnoreMembers, name)
		}
	}
	cfg.columns.ignore = cfg.policy.IgnoreMembers
	if emailOn != "" {
		v, err := consent.ParseEmail(emailOn, consent.Options{})
		if err != nil {
			return fail("-email-consent-checked must be an email consent value a client may send, such as subscribed")
		}
		cfg.policy.EmailConsentChecked = v
	}
	if smsOn != "" {
		v, err := consent.ParseSMS(smsOn, consent.Options{})
		if err != nil {
			return fail("-sms-consent-checked must be an SMS consent value a client may send, such as subscribed")
		}
		cfg.policy.SMSConsentChecked = v
	}
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
