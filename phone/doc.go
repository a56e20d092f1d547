// Package phone checks telephone numbers the way the contacts API does:
// strict E.164 input, validity and region per libphonenumber metadata, and
// the set of regions a deployment can send SMS to.
//
// [Parse] is the rule for the phone_number field. A number is accepted only
// when it is written in E.164 syntax ('+', a country calling code whose first
// digit is 1-9, at most 15 digits in all, nothing else), libphonenumber
// considers it a valid number, and the input is exactly libphonenumber's
// canonical E.164 form of that number. The last rule rejects, for example,
// "+4402071838750": libphonenumber strips the UK trunk prefix 0 from it, so
// it is not how the number is written in E.164 ("+442071838750" is).
// Fictional numbers are not valid either: "+15551234567", the example in the
// API's own documentation, is rejected because 555 is not an area code in
// use, and libphonenumber's metadata says so.
//
// [ParsePossible] is the policy alternative that checks only that the number
// has a possible length for its country calling code.
//
// [Normalize] turns form input such as "(415) 555-2671" (with default region
// "US") into a [Number], and [ReadE164] reads such input into its E.164 text
// without judging it (form input then goes through the same rule as JSON);
// they are the only lenient entry points.
//
// [Regions] is a set of countries, such as those a deployment sends SMS to
// ([DefaultSMSRegions]: US and CA). Numbers keep the region libphonenumber
// gives them, so +1 876 (Jamaica) is not a US number and is not supported by
// default. Non-geographic numbers (region "001": +800, +882, …) belong to no
// country and are in no Regions.
//
// A Number also answers what else people use libphonenumber for: its type
// ([Number.Type]: mobile, fixed line, toll free, …) and its written forms
// ([Number.Format], [Number.AppendFormat]: E.164, international, national,
// RFC 3966). [Example] gives the metadata's example number of a region
// and type, for placeholders, and [AsYouType] formats a number while it
// is typed, as libphonenumber-js does. [MetadataVersion] names the
// metadata release behind all of it.
//
// Errors wrap one of two sentinels, [ErrSyntax] and [ErrInvalid], and never
// contain the submitted value, since they end up in logs.
//
// The metadata is compiled ahead of time (go generate ./phone/internal/dfa)
// into automaton tables, reached through engine.go; nothing of
// libphonenumber runs at run time. The differential tests (diff_test.go,
// normalize_diff_test.go, format_diff_test.go, asyoutype_diff_test.go and
// phone/internal/dfa's) hold the tables to libphonenumber's own answers,
// and to libphonenumber-js's for AsYouType.
package phone
