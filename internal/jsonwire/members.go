package jsonwire

import "iter"

// Members yields the name and the value text of each member of the
// object at s's place, in order, and leaves s after it; it yields
// nothing when no object is there. The text must be well-formed (a
// [Scanner.Skip] over it succeeded): nothing here checks it again.
func (s *Scanner) Members() iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		if !s.Eat('{') {
			return
		}
		for !s.Eat('}') {
			s.Eat(',')
			name, _ := s.Key()
			s.Peek() // to the value
			start := s.Pos
			s.Skip()
			if !yield(name, s.Buf[start:s.Pos]) {
				return
			}
		}
	}
}
