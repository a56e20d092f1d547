package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// sniffSize is how much of a CSV file is looked at for its encoding
// before any of its rows is read.
const sniffSize = 64 << 10

// decoded returns the CSV input r as UTF-8: decoded from Windows-1252
// under -encoding windows-1252; otherwise as it is, once its first
// sniffSize bytes have been looked at: when they are not UTF-8 but their
// first invalid bytes are Windows-1252 letters (an Excel export), the
// file stops with an error naming the flag, before any row is answered,
// since every row with an accented name would otherwise be refused as
// not UTF-8. line is the number of lines before the file.
func (c *pipeline) decoded(r io.Reader, line int) (io.Reader, error) {
	if c.cfg.encoding == "windows-1252" {
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	}
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	if at, ok := windows1252(head, err == nil); ok {
		return nil, fmt.Errorf("line %d is not UTF-8 but reads as Windows-1252 (as Excel saves CSV files): run with -encoding windows-1252",
			line+1+bytes.Count(head[:at], []byte{'\n'}))
	}
	return br, nil
}

// windows1252 reports whether head, the start of a file (cut at its end
// when more follows), is not UTF-8 while its first invalid bytes are
// all characters of Windows-1252; at is the offset of the first one.
func windows1252(head []byte, more bool) (at int, ok bool) {
	const look = 8 // invalid bytes looked at
	seen := 0
	for i := 0; i < len(head) && seen < look; {
		r, n := utf8.DecodeRune(head[i:])
		if r != utf8.RuneError || n != 1 {
			i += n
			continue
		}
		if more && !utf8.FullRune(head[i:]) {
			break // a character cut by the end of head
		}
		if !defined1252(head[i]) {
			return 0, false
		}
		if seen == 0 {
			at = i
		}
		seen++
		i++
	}
	return at, seen > 0
}

// defined1252 reports whether b, a byte that is not UTF-8 where it
// stands, is a character of Windows-1252: the five bytes it leaves
// undefined are not, nor are control bytes.
func defined1252(b byte) bool {
	switch b {
	case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
		return false
	}
	return b >= 0x80
}
