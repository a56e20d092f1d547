package consent

import (
	"errors"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
)

// The enum messages exactly as docs/create.md writes them.
const (
	emailEnum = "must be one of: subscribed, unsubscribed, never_subscribed, suppressed"
	smsEnum   = "must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in"
)

var legacyOn = Options{AcceptLegacy: true}

func TestParse(t *testing.T) {
	emailErr := &errs.FieldError{Field: "email_consent", Message: emailEnum, Rule: "enum"}
	smsErr := &errs.FieldError{Field: "sms_consent", Message: smsEnum, Rule: "enum"}
	tests := []struct {
		name  string
		parse func(string, Options) (string, error)
		in    string
		o     Options
		want  string
		err   *errs.FieldError
	}{
		// §2 email_consent enum
		{"email subscribed", parseEmail, "subscribed", Options{}, "subscribed", nil},
		{"email unsubscribed", parseEmail, "unsubscribed", Options{}, "unsubscribed", nil},
		{"email never_subscribed", parseEmail, "never_subscribed", Options{}, "never_subscribed", nil},
		{"email suppressed", parseEmail, "suppressed", Options{}, "suppressed", nil},
		{"email compliance_suppressed is read-only", parseEmail, "compliance_suppressed", Options{}, "", emailErr},
		{"email single_opt_in is SMS only", parseEmail, "single_opt_in", Options{}, "", emailErr},
		{"email pending is SMS only", parseEmail, "pending", Options{}, "", emailErr},
		{"email unknown", parseEmail, "yes", Options{}, "", emailErr},
		{"email empty string", parseEmail, "", Options{}, "", emailErr},
		{"email case matters", parseEmail, "Subscribed", Options{}, "", emailErr},
		{"email no trimming", parseEmail, " subscribed", Options{}, "", emailErr},
		{"email NUL suffix", parseEmail, "subscribed\x00", Options{}, "", emailErr},
		// §4 legacy vocabulary, off by default
		{"email legacy off", parseEmail, "non_subscribed", Options{}, "", emailErr},
		{"email legacy on", parseEmail, "non_subscribed", legacyOn, "never_subscribed", nil},
		{"email legacy on leaves read-only refused", parseEmail, "compliance_suppressed", legacyOn, "", emailErr},

		// §2 sms_consent enum
		{"sms subscribed", parseSMS, "subscribed", Options{}, "subscribed", nil},
		{"sms unsubscribed", parseSMS, "unsubscribed", Options{}, "unsubscribed", nil},
		{"sms never_subscribed", parseSMS, "never_subscribed", Options{}, "never_subscribed", nil},
		{"sms single_opt_in", parseSMS, "single_opt_in", Options{}, "single_opt_in", nil},
		{"sms pending is read-only", parseSMS, "pending", Options{}, "", smsErr},
		{"sms suppressed is email only", parseSMS, "suppressed", Options{}, "", smsErr},
		{"sms compliance_suppressed is email only", parseSMS, "compliance_suppressed", Options{}, "", smsErr},
		{"sms unknown", parseSMS, "opt_in", Options{}, "", smsErr},
		{"sms empty string", parseSMS, "", Options{}, "", smsErr},
		{"sms legacy off", parseSMS, "non_subscribed", Options{}, "", smsErr},
		{"sms legacy on", parseSMS, "non_subscribed", legacyOn, "never_subscribed", nil},
		{"sms legacy on leaves read-only refused", parseSMS, "pending", legacyOn, "", smsErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.in, tt.o)
			if got != tt.want {
				t.Errorf("value = %q, want %q", got, tt.want)
			}
			if tt.err == nil {
				if err != nil {
					t.Errorf("error = %v, want none", err)
				}
				return
			}
			var fe errs.FieldError
			if !errors.As(err, &fe) || fe != *tt.err {
				t.Errorf("error = %#v, want %#v", err, *tt.err)
			}
		})
	}
}

func parseEmail(s string, o Options) (string, error) {
	v, err := ParseEmail(s, o)
	return string(v), err
}

func parseSMS(s string, o Options) (string, error) {
	v, err := ParseSMS(s, o)
	return string(v), err
}

// Error messages end up in logs: they must not carry the value sent.
func TestParseErrorOmitsValue(t *testing.T) {
	const secret = "jane.doe@example.com+15551234567"
	huge := strings.Repeat(secret, 1<<14)
	for _, o := range []Options{{}, legacyOn} {
		for _, parse := range []func(string, Options) (string, error){parseEmail, parseSMS} {
			_, err := parse(huge, o)
			if err == nil || strings.Contains(err.Error(), "jane") {
				t.Errorf("error = %v, want one without the value", err)
			}
		}
	}
}

func TestWritable(t *testing.T) {
	emails := map[Email]bool{
		EmailSubscribed:           true,
		EmailUnsubscribed:         true,
		EmailNeverSubscribed:      true,
		EmailSuppressed:           true,
		EmailComplianceSuppressed: false, // system-set
		"non_subscribed":          false, // legacy input, not a value
		"pending":                 false,
		"":                        false,
	}
	for v, want := range emails {
		if got := v.Writable(); got != want {
			t.Errorf("Email(%q).Writable() = %v, want %v", v, got, want)
		}
	}
	sms := map[SMS]bool{
		SMSSubscribed:           true,
		SMSUnsubscribed:         true,
		SMSNeverSubscribed:      true,
		SMSSingleOptIn:          true,
		SMSPending:              false, // system-set
		"non_subscribed":        false,
		"suppressed":            false,
		"compliance_suppressed": false,
		"":                      false,
	}
	for v, want := range sms {
		if got := v.Writable(); got != want {
			t.Errorf("SMS(%q).Writable() = %v, want %v", v, got, want)
		}
	}
}
