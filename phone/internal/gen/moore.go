package gen

import "encoding/binary"

// A moore is a set of deterministic machines over digit strings that
// share one state space: each state has an output, what its machine says
// about the digits read so far, and a successor per digit. State 0 is
// dead: output 0, every successor itself. Unlike the automaton, a moore
// may have cycles.
type moore struct {
	next [][10]uint32
	out  []uint32
}

func newMoore() *moore {
	m := &moore{}
	m.add(0)
	return m
}

// add appends a state with output out and every successor dead.
func (m *moore) add(out uint32) uint32 {
	m.next = append(m.next, [10]uint32{})
	m.out = append(m.out, out)
	return uint32(len(m.next) - 1)
}

// acceptor adds the machine that reports whether the digits read so far
// are a full match of pattern (output 1) or not (0), and returns its
// start state.
func (m *moore) acceptor(pattern string) (uint32, error) {
	d, err := newDigitDFA([]string{pattern})
	if err != nil {
		return 0, err
	}
	ids := map[int32]uint32{dead: 0}
	var visit func(v int32) uint32
	visit = func(v int32) uint32 {
		if id, ok := ids[v]; ok {
			return id
		}
		out := uint32(0)
		if d.accepts(v)[0] {
			out = 1
		}
		id := m.add(out)
		ids[v] = id
		for c := range 10 {
			m.next[id][c] = visit(d.step(v, c))
		}
		return id
	}
	return visit(d.start), nil
}

// prefixMatcher adds the machine that reports which of alts (in
// leftmost-first preference order, as expandPrefix lists them) matches a
// prefix of the digits read so far if the input ends there: output
// outs[i] for alt i, 0 for none. Its states are the entries of the alts
// still in the running, as the explorer's (with no general pattern). Once
// the choice can no longer change, the machine stays in a state that
// repeats it whatever follows.
func (m *moore) prefixMatcher(alts []alt, outs []uint32) uint32 {
	memo := map[string]uint32{}
	var key []byte
	var visit func(n int, es []entry) uint32
	visit = func(n int, es []entry) uint32 {
		if len(es) == 0 {
			return 0
		}
		key = key[:0]
		for _, x := range es {
			if x.st == inProgress {
				// Where an alt has got matters only while it is in
				// progress.
				key = binary.AppendUvarint(key, uint64(n))
				break
			}
		}
		for _, x := range es {
			key = binary.AppendUvarint(key, uint64(x.alt))
			key = append(key, x.st)
		}
		if id, ok := memo[string(key)]; ok {
			return id
		}
		out := uint32(0)
		for _, x := range es {
			if x.st != inProgress {
				out = outs[x.alt]
				break
			}
		}
		id := m.add(out)
		memo[string(key)] = id
		if len(es) == 1 && es[0].st == matched {
			m.next[id] = [10]uint32{id, id, id, id, id, id, id, id, id, id}
			return id
		}
		for c := range 10 {
			m.next[id][c] = visit(n+1, stepAlts(alts, es, n, c))
		}
		return id
	}
	var es []entry
	for i, a := range alts {
		es = append(es, entry{alt: int32(i), st: reached(a.masks, a.end, 0)})
	}
	return visit(0, prune(es))
}

// reached is the state of an alt with the given digit sets and end flag
// after it matched its first n digits.
func reached(masks []uint16, end bool, n int) uint8 {
	switch {
	case n < len(masks):
		return inProgress
	case end:
		return atEnd
	}
	return matched
}

// stepAlts returns the matches after reading digit c at position n.
func stepAlts(alts []alt, es []entry, n, c int) []entry {
	var out []entry
	for _, x := range es {
		switch x.st {
		case atEnd:
			continue // the input did not end
		case inProgress:
			a := alts[x.alt]
			if a.masks[n]&(1<<c) == 0 {
				continue
			}
			x.st = reached(a.masks, a.end, n+1)
		}
		out = append(out, x)
	}
	return prune(out)
}

// minimize merges the states that no input tells apart (Moore's partition
// refinement) and returns the new number of each old state. The dead
// state stays 0, and states keep the order of their first old member.
func (m *moore) minimize() []uint32 {
	class := make([]uint32, len(m.next))
	classes := 0
	{
		byOut := map[uint32]uint32{}
		for s, o := range m.out {
			c, ok := byOut[o]
			if !ok {
				c = uint32(len(byOut))
				byOut[o] = c
			}
			class[s] = c
		}
		classes = len(byOut)
	}
	for {
		sigs := map[[11]uint32]uint32{}
		refined := make([]uint32, len(m.next))
		for s, next := range m.next {
			var sig [11]uint32
			sig[0] = class[s]
			for c, t := range next {
				sig[c+1] = class[t]
			}
			id, ok := sigs[sig]
			if !ok {
				id = uint32(len(sigs))
				sigs[sig] = id
			}
			refined[s] = id
		}
		class = refined
		if len(sigs) == classes {
			break
		}
		classes = len(sigs)
	}
	// Renumber in order of first member, so that the dead state (state 0)
	// keeps number 0 and the tables do not depend on map order.
	number := make([]uint32, classes)
	for i := range number {
		number[i] = ^uint32(0)
	}
	var next [][10]uint32
	var out []uint32
	for s := range m.next {
		if number[class[s]] == ^uint32(0) {
			number[class[s]] = uint32(len(next))
			next = append(next, m.next[s])
			out = append(out, m.out[s])
		}
	}
	newOf := make([]uint32, len(m.next))
	for s := range m.next {
		newOf[s] = number[class[s]]
	}
	for i := range next {
		for c, t := range next[i] {
			next[i][c] = newOf[t]
		}
	}
	m.next, m.out = next, out
	return newOf
}
