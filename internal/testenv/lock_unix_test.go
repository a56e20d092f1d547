//go:build unix

package testenv

import (
	"sync/atomic"
	"testing"
	"time"
)

// TestLockDir: a second lock on the directory (another open file, as
// another test binary has) waits until the first is released.
func TestLockDir(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var released atomic.Bool
	afterRelease := make(chan bool)
	go func() {
		unlock2, err := lockDir(dir)
		if err != nil {
			t.Error(err)
			afterRelease <- true
			return
		}
		afterRelease <- released.Load()
		unlock2()
	}()
	// Time for the second lock to be asked for; were it not to wait, it
	// would be taken before the release below.
	time.Sleep(100 * time.Millisecond)
	released.Store(true)
	unlock()
	if !<-afterRelease {
		t.Error("the second lock was taken while the first was held")
	}
}
