package advice

import "strings"

// roles are the local parts of role addresses: Mailchimp's list of the
// role addresses it blocks on import ("Limits on Role-based Addresses"),
// then those the issue names that it lacks, each on NationBuilder's list
// of role addresses, and GetResponse's mailer-daemon (docs/advice.md).
// They are written as roleAddress reads a local part: lower case, without
// '.', '-' and '_', so that no-reply, no_reply and noreply are one.
var roles = []string{
	// Mailchimp's list, in its order.
	"abuse", "admin", "billing", "compliance", "devnull", "dns", "ftp", "hostmaster",
	"inoc", "ispfeedback", "ispsupport", "listrequest", "list", "maildaemon", "noc",
	"noreply", "null", "phish", "phishing", "postmaster", "privacy", "registrar",
	"root", "security", "spam", "support", "sysadmin", "tech", "undisclosedrecipients",
	"unsubscribe", "usenet", "uucp", "webmaster", "www",
	// Named in the issue (NationBuilder's list has them), and
	// GetResponse's mailer-daemon.
	"info", "sales", "contact", "help", "marketing", "mailerdaemon",
}

// roleSet is roles as a set.
var roleSet = func() map[string]bool {
	m := make(map[string]bool, len(roles))
	for _, r := range roles {
		m[r] = true
	}
	return m
}()

// roleAddress is the role_address rule: the local part, without its
// subaddress (+tag), is a role.
func roleAddress(in input) (string, bool) {
	at := strings.LastIndexByte(in.email, '@')
	if at <= 0 {
		return "", false
	}
	local := in.email[:at]
	if plus := strings.IndexByte(local, '+'); plus >= 0 {
		local = local[:plus]
	}
	var buf [64]byte
	key := buf[:0]
	for i := 0; i < len(local) && len(key) < len(buf); i++ {
		switch ch := local[i]; {
		case ch == '.' || ch == '-' || ch == '_':
		case 'A' <= ch && ch <= 'Z':
			key = append(key, ch+'a'-'A')
		default:
			key = append(key, ch)
		}
	}
	return "", roleSet[string(key)]
}
