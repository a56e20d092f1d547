package validate

import (
	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
)

// A Policy holds every choice a deployment may make (docs/policy.md).
// The zero Policy is the contract's default: SMS to US and CA numbers, unknown
// fields reported, legacy consent values refused, names and tags of at most
// 255 characters, at most 100 tags, phone numbers checked for validity, and
// bodies of at most 1 MiB. A zero field means its default, so a Policy
// literal names only what it changes.
type Policy struct {
	// SMSRegions are the regions whose numbers may subscribe to SMS.
	// The zero set means phone.DefaultSMSRegions (US, CA).
	SMSRegions phone.Regions

	// AllowUnknownFields stops top-level members the API does not know
	// from being reported.
	AllowUnknownFields bool

	// AcceptLegacyConsent accepts the consent value "non_subscribed" of
	// older API versions, as never_subscribed.
	AcceptLegacyConsent bool

	// SMSNeedsMobile refuses SMS consent (subscribed, single_opt_in) for
	// a number whose type cannot take SMS: a fixed line, toll-free,
	// premium-rate, shared-cost, UAN, voicemail or pager number (rule
	// sms_mobile, after sms_supported_country). Numbers the metadata
	// cannot place, as all of the US and CA (FIXED_LINE_OR_MOBILE), pass.
	// Off by default: the API itself does not ask.
	SMSNeedsMobile bool

	// PossiblePhoneOnly checks phone numbers for a possible length for
	// their country instead of full validity.
	PossiblePhoneOnly bool

	// MaxNameLength limits first_name and last_name, in Unicode code
	// points (default 255).
	MaxNameLength int

	// MaxTagLength limits each tag, in code points (default 255).
	MaxTagLength int

	// MaxTags limits the number of tags (default 100).
	MaxTags int

	// MaxBodyBytes limits the size of a JSON body (default 1 MiB).
	MaxBodyBytes int

	// MaxDetails limits the details of one answer (default 100). Past
	// it, the first MaxDetails-1 are listed and a last base detail says
	// the list is cut; collecting stops there.
	MaxDetails int

	// DefaultRegion is the region (an upper-case ISO 3166-1 code) in
	// which form input reads a phone number typed without its country
	// calling code, when the form names no phone_region. The default is
	// "US".
	DefaultRegion string

	// IgnoreMembers names members that are neither read nor reported:
	// the inputs of an HTML form that are not contact fields (a CSRF
	// token, the submit button, a honeypot) or members of a JSON body
	// that a deployment adds. Every other unknown member is still
	// reported. Names match exactly; a read-only member (id) may be
	// named, a writable field's name (email) is read whatever the list
	// says. It is meant for a handful of names: each member that is not
	// a field is compared with each.
	IgnoreMembers []string

	// EmailConsentChecked and SMSConsentChecked, when set, are what a
	// checkbox word (on, true, 1 or yes, in any case) means in a form's
	// email_consent and sms_consent inputs: a consent checkbox posts
	// "on". The value is then judged as if it had been sent. Unset, the
	// words are refused as any value that is not a consent. JSON is not
	// affected: it is the API's own.
	EmailConsentChecked consent.Email
	SMSConsentChecked   consent.SMS
}

// DefaultPolicy returns the contract's default with every field spelled out. It
// behaves exactly as the zero Policy.
func DefaultPolicy() Policy {
	return Policy{
		SMSRegions:    phone.DefaultSMSRegions(),
		MaxNameLength: 255,
		MaxTagLength:  255,
		MaxTags:       100,
		MaxBodyBytes:  1 << 20,
		MaxDetails:    100,
		DefaultRegion: "US",
	}
}

// defaults is DefaultPolicy, once: most calls pass the zero Policy.
var defaults = DefaultPolicy()

// resolved returns p with every zero field replaced by its default.
func (p Policy) resolved() Policy {
	p.resolve()
	return p
}

// resolve fills in p's zero settings in place: the checkers resolve the
// policy they hold, without a copy in and out.
func (p *Policy) resolve() {
	// Field by field even for the zero Policy: comparing the whole struct
	// with the zero value costs more than the few tests below.
	d := &defaults
	if p.SMSRegions.IsZero() {
		p.SMSRegions = d.SMSRegions
	}
	if p.MaxNameLength <= 0 {
		p.MaxNameLength = d.MaxNameLength
	}
	if p.MaxTagLength <= 0 {
		p.MaxTagLength = d.MaxTagLength
	}
	if p.MaxTags <= 0 {
		p.MaxTags = d.MaxTags
	}
	if p.MaxBodyBytes <= 0 {
		p.MaxBodyBytes = d.MaxBodyBytes
	}
	if p.MaxDetails <= 0 {
		p.MaxDetails = d.MaxDetails
	}
	if p.DefaultRegion == "" {
		p.DefaultRegion = d.DefaultRegion
	}
}

func (p *Policy) consent() consent.Options {
	return consent.Options{SMSRegions: p.SMSRegions, AcceptLegacy: p.AcceptLegacyConsent}
}

// parsePhone applies the policy's phone check.
func (p *Policy) parsePhone(s string) (phone.Number, error) {
	if p.PossiblePhoneOnly {
		return phone.ParsePossible(s)
	}
	return phone.Parse(s)
}
