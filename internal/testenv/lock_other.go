//go:build !unix

package testenv

// lockDir locks nothing where flock is missing: there only the tests of
// one process (npmMu) are kept apart.
func lockDir(string) (unlock func(), err error) {
	return func() {}, nil
}
