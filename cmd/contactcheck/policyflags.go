package main

import (
	"errors"
	"flag"

	"github.com/contactrules/contactrules/validate"
)

// policyFlags defines on fs the flags of the policy the rules run under,
// which the check and the schema subcommand share, and returns the
// function that, once fs has parsed, completes p and says what is wrong
// with the flags.
func policyFlags(fs *flag.FlagSet, p *validate.Policy) func() error {
	d := validate.DefaultPolicy()
	var regions string
	fs.StringVar(&regions, "sms-regions", "US,CA", "comma-separated `regions` whose numbers may subscribe to SMS")
	fs.BoolVar(&p.AllowUnknownFields, "allow-unknown", false, "do not report members the API does not know")
	fs.BoolVar(&p.AcceptLegacyConsent, "legacy-consent", false, "accept the legacy consent value non_subscribed")
	fs.BoolVar(&p.SMSNeedsMobile, "sms-needs-mobile", false, "refuse SMS consent for a number whose type cannot take SMS (a landline, toll-free, …)")
	fs.BoolVar(&p.PossiblePhoneOnly, "possible-phone", false, "check phone numbers for a possible length only")
	fs.IntVar(&p.MaxNameLength, "max-name", d.MaxNameLength, "the longest first_name and last_name, in `characters`")
	fs.IntVar(&p.MaxTagLength, "max-tag", d.MaxTagLength, "the longest tag, in `characters`")
	fs.IntVar(&p.MaxTags, "max-tags", d.MaxTags, "the most tags")
	fs.IntVar(&p.MaxBodyBytes, "max-bytes", d.MaxBodyBytes, "the largest payload, an NDJSON line or a CSV row, in `bytes`")
	return func() error {
		if p.MaxNameLength <= 0 || p.MaxTagLength <= 0 || p.MaxTags <= 0 || p.MaxBodyBytes <= 0 {
			return errors.New("-max-name, -max-tag, -max-tags and -max-bytes must be positive")
		}
		r, err := parseRegions(regions)
		if err != nil {
			return errors.New("-sms-regions: " + err.Error())
		}
		p.SMSRegions = r
		return nil
	}
}
