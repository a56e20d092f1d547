package phone

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		region string
		want   string // E.164 result; "" when err is set
		err    error
	}{
		// Form input that makes a valid number.
		{name: "US national", in: "(415) 555-2671", region: "US", want: "+14155552671"},
		{name: "US with trunk 1", in: "1 (415) 555-2671", region: "US", want: "+14155552671"},
		{name: "US dots", in: "415.555.2671", region: "US", want: "+14155552671"},
		{name: "US digits only", in: "4155552671", region: "US", want: "+14155552671"},
		{name: "US international prefix 011", in: "011 44 20 7183 8750", region: "US", want: "+442071838750"},
		{name: "GB international", in: "+44 20 7183 8750", region: "GB", want: "+442071838750"},
		{name: "international needs no region", in: "+44 20 7183 8750", region: "", want: "+442071838750"},
		{name: "international from another region", in: "+44 20 7183 8750", region: "US", want: "+442071838750"},
		{name: "GB international prefix 00", in: "0044 20 7183 8750", region: "GB", want: "+442071838750"},
		{name: "GB national with trunk 0", in: "020 7183 8750", region: "GB", want: "+442071838750"},
		{name: "GB (0) after calling code", in: "+44 (0)20 7183 8750", region: "", want: "+442071838750"},
		{name: "E.164 with trunk 0 is repaired", in: "+4402071838750", region: "", want: "+442071838750"},
		{name: "plus inside parentheses", in: "(+44) 20 7183 8750", region: "", want: "+442071838750"},
		{name: "slashes and tabs", in: "\t030/123456 ", region: "DE", want: "+4930123456"},
		{name: "JM from US default keeps JM", in: "(876) 523-0123", region: "US", want: "+18765230123"},
		{name: "IT leading zero kept", in: "02 1234 5678", region: "IT", want: "+390212345678"},
		{name: "non-geographic", in: "+800 1234 5678", region: "US", want: "+80012345678"},

		// Not a phone number at all.
		{name: "empty", in: "", region: "US", err: ErrSyntax},
		{name: "only separators", in: " ( ) - ", region: "US", err: ErrSyntax},
		{name: "only plus", in: "+", region: "US", err: ErrSyntax},
		{name: "letters (vanity)", in: "1-800-FLOWERS", region: "US", err: ErrSyntax},
		{name: "extension x", in: "(415) 555-2671 x123", region: "US", err: ErrSyntax},
		{name: "extension ext.", in: "415-555-2671 ext. 5", region: "US", err: ErrSyntax},
		{name: "extension RFC 3966", in: "+1-415-555-2671;ext=5", region: "US", err: ErrSyntax},
		{name: "extension hash", in: "415-555-2671#5", region: "US", err: ErrSyntax},
		{name: "tel URI", in: "tel:+14155552671", region: "US", err: ErrSyntax},
		{name: "plus after digits", in: "1+4155552671", region: "US", err: ErrSyntax},
		{name: "two pluses", in: "++14155552671", region: "US", err: ErrSyntax},
		{name: "fullwidth digits", in: "１４１５５５５２６７１", region: "US", err: ErrSyntax},
		{name: "non-breaking space", in: "415\u00a0555\u00a02671", region: "US", err: ErrSyntax},
		{name: "embedded NUL", in: "415\x00555 2671", region: "US", err: ErrSyntax},
		{name: "longer than 64 bytes", in: "+1 415 555 2671" + strings.Repeat(" ", 50), region: "US", err: ErrSyntax},
		{name: "very long", in: strings.Repeat("1", 1<<20), region: "US", err: ErrSyntax},

		// Phone-number shaped, but no valid number.
		{name: "555 is fictional", in: "(555) 123-4567", region: "US", err: ErrInvalid},
		{name: "national without a region", in: "020 7183 8750", region: "", err: ErrInvalid},
		{name: "too short", in: "7183 8750", region: "GB", err: ErrInvalid},
		{name: "a single digit", in: "1", region: "US", err: ErrInvalid},
		{name: "too many digits", in: "4155552671 4155552671", region: "US", err: ErrInvalid},
		{name: "national input making 17 digits", in: "4155552671415555", region: "US", err: ErrInvalid},
		{name: "unknown default region", in: "(415) 555-2671", region: "XX", err: ErrInvalid},
		{name: "lower-case default region", in: "(415) 555-2671", region: "us", err: ErrInvalid},
		{name: "non-geographic default region", in: "12345678", region: "001", err: ErrInvalid},
		{name: "region checked even with plus", in: "+14155552671", region: "XX", err: ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Normalize(tt.in, tt.region)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("error = %v, want %v", err, tt.err)
				}
				if n != (Number{}) {
					t.Errorf("rejected input gave %v", n)
				}
				if digits := strings.Trim(tt.in, " +()"); len(digits) >= 4 && strings.Contains(err.Error(), digits[:4]) {
					t.Errorf("error contains the input: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v, want %s", err, tt.want)
			}
			if n.String() != tt.want {
				t.Errorf("= %v, want %s", n, tt.want)
			}
			// Whatever Normalize returns is exactly what Parse says about it.
			if p, err := Parse(n.String()); err != nil || p != n {
				t.Errorf("Parse(%v) = %v, %v; want the same Number", n, p, err)
			}
		})
	}
}
