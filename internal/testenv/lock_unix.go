//go:build unix

package testenv

import (
	"os"
	"syscall"
)

// lockDir holds an exclusive advisory lock (flock) on dir until unlock is
// called, or the process ends: the test binaries of several packages,
// which go test runs at once, share one node_modules.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing the last descriptor releases the lock
}
