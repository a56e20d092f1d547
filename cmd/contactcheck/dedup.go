package main

import (
	"hash/maphash"
	"math"

	"github.com/contactrules/contactrules/validate"
)

// Duplicates. The writer remembers the email and the phone number of
// every valid row, as 64-bit hashes (maphash, one seed per run and per
// kind, so that emails and phone numbers never meet), with the row's
// line: 12 bytes a slot, at most 32 bytes per email or phone number
// remembered (the table is between 3/8 and 3/4 full), whatever the rows
// hold. Two different emails or numbers are taken for the same one only
// when their hashes collide: for n values remembered the chance that any
// pair does is below n²/2⁶⁵, about 3·10⁻⁸ for two million.
var (
	emailSeed = maphash.MakeSeed()
	phoneSeed = maphash.MakeSeed()
)

// emailKey returns the hash of an email as the duplicate check compares
// it: the library's key of the address (the domain in ASCII lower case),
// as an update compares it. scratch is a buffer to reuse.
func emailKey(email string, scratch []byte) (uint64, []byte) {
	scratch = validate.AppendEmailKey(scratch[:0], email)
	return nonzero(maphash.Bytes(emailSeed, scratch)), scratch
}

// phoneKey returns the hash of a phone number in canonical E.164.
func phoneKey(e164 string) uint64 {
	return nonzero(maphash.String(phoneSeed, e164))
}

// nonzero keeps 0 free to mean "no key".
func nonzero(h uint64) uint64 {
	return max(h, 1)
}

// A seenSet maps the keys of valid rows to their lines: an open-addressing
// table with linear probing, the hashes being uniform already.
type seenSet struct {
	keys  []uint64 // 0: a free slot
	lines []uint32 // the row's line; farLine: in far
	n     int
	far   map[uint64]int // the lines past farLine-1
}

const (
	seenMinSlots = 1 << 10
	farLine      = math.MaxUint32
)

// find returns the line of the row that brought key k.
func (s *seenSet) find(k uint64) (int, bool) {
	if s.n == 0 {
		return 0, false
	}
	mask := uint64(len(s.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch s.keys[i] {
		case 0:
			return 0, false
		case k:
			if s.lines[i] == farLine {
				return s.far[k], true
			}
			return int(s.lines[i]), true
		}
	}
}

// add remembers that the row on line brought key k, which is not in s.
func (s *seenSet) add(k uint64, line int) {
	if (s.n+1)*4 > len(s.keys)*3 {
		s.grow()
	}
	s.put(k, line)
	s.n++
}

func (s *seenSet) put(k uint64, line int) {
	i := s.slot(k)
	s.keys[i] = k
	if line >= farLine {
		if s.far == nil {
			s.far = make(map[uint64]int)
		}
		s.far[k] = line
		line = farLine
	}
	s.lines[i] = uint32(line)
}

// slot returns the free slot where k goes.
func (s *seenSet) slot(k uint64) uint64 {
	mask := uint64(len(s.keys) - 1)
	i := k & mask
	for s.keys[i] != 0 {
		i = (i + 1) & mask
	}
	return i
}

// grow doubles the table.
func (s *seenSet) grow() {
	keys, lines := s.keys, s.lines
	size := max(2*len(keys), seenMinSlots)
	s.keys, s.lines = make([]uint64, size), make([]uint32, size)
	for i, k := range keys {
		if k != 0 {
			j := s.slot(k)
			s.keys[j], s.lines[j] = k, lines[i]
		}
	}
}

// size returns the bytes the table holds.
func (s *seenSet) size() int {
	return len(s.keys)*8 + len(s.lines)*4
}

// check looks up the keys of a valid row (0: none) on line. When an
// earlier row brought one of them it returns that row's line, the earliest
// when both match; otherwise it remembers them and returns 0.
func (s *seenSet) check(keys [2]uint64, line int) int {
	first := 0
	for _, k := range keys {
		if k == 0 {
			continue
		}
		if m, ok := s.find(k); ok && (first == 0 || m < first) {
			first = m
		}
	}
	if first != 0 {
		return first
	}
	for i, k := range keys {
		if k != 0 && (i == 0 || k != keys[0]) {
			s.add(k, line)
		}
	}
	return 0
}
