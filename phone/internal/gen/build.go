package gen

import (
	"encoding/binary"
	"fmt"
)

// The automaton reads the digits of an E.164 number after the '+'. Its
// first one to three steps find the calling code as extractCountryCode
// does (the shortest prefix that is a code); from there, each state stands
// for a configuration of everything parsing and validation look at: the
// length read so far, the state of every region pattern (one subset-
// construction DFA per calling code), and how far each way of matching the
// national prefix has got, with the state of the main general pattern on
// the number stripping it would produce. A configuration determines the
// outcome once the input ends, so states are built by exploring
// configurations depth first, and identical states (same outcome, same
// successors) are merged as they are made, which for an acyclic automaton
// yields the minimal one.

// An automaton is the minimal DFA over digit strings. State 0 is dead;
// every state's successors have smaller numbers, and Root is the last.
type automaton struct {
	next     [][10]uint32
	out      []uint32 // state → index into outcomes (0: none)
	outcomes []outcome
	root     uint32
}

type builder struct {
	a       automaton
	states  map[[11]uint32]uint32
	outcome map[outcome]uint32
}

func newBuilder() *builder {
	b := &builder{states: map[[11]uint32]uint32{}, outcome: map[outcome]uint32{}}
	b.a.outcomes = []outcome{{}}
	b.cons(outcome{}, [10]uint32{}) // the dead state
	return b
}

// cons returns the state with outcome o and successors next, creating it
// if no such state exists yet.
func (b *builder) cons(o outcome, next [10]uint32) uint32 {
	oi := uint32(0)
	if o.valid != "" || o.possible != "" {
		var ok bool
		if oi, ok = b.outcome[o]; !ok {
			oi = uint32(len(b.a.outcomes))
			b.outcome[o] = oi
			b.a.outcomes = append(b.a.outcomes, o)
		}
	}
	var key [11]uint32
	key[0] = oi
	copy(key[1:], next[:])
	if id, ok := b.states[key]; ok {
		return id
	}
	id := uint32(len(b.a.next))
	b.states[key] = id
	b.a.next = append(b.a.next, next)
	b.a.out = append(b.a.out, oi)
	return id
}

// build makes the automaton for the given calling codes.
func build(rules map[int]*ccRule) (*automaton, error) {
	b := newBuilder()
	var err error
	var trie func(prefix int, digits int) uint32
	trie = func(prefix, digits int) uint32 {
		if r, ok := rules[prefix]; ok && digits > 0 {
			e, xerr := newExplorer(r)
			if xerr != nil {
				err = xerr
				return 0
			}
			return e.visit(b, 0, e.dfa.start, e.initial())
		}
		var next [10]uint32
		if digits < 3 {
			for c := range next {
				if digits == 0 && c == 0 {
					continue // calling codes do not start with 0
				}
				next[c] = trie(prefix*10+c, digits+1)
			}
		}
		return b.cons(outcome{}, next)
	}
	b.a.root = trie(0, 0)
	if err != nil {
		return nil, err
	}
	return &b.a, nil
}

// An entry tracks one way of matching the national prefix: the alt, the
// state of the main general pattern on the stripped number built so far,
// and how far the match has got.
type entry struct {
	alt int32
	g   int32
	st  uint8
}

const (
	inProgress uint8 = iota
	matched          // the alt matched a prefix of the input
	atEnd            // the alt ($) matched if the input ends here
)

type explorer struct {
	r    *ccRule
	dfa  *digitDFA // all patterns of the calling code
	g    *digitDFA // the main general pattern alone
	memo map[string]uint32
	key  []byte
}

func newExplorer(r *ccRule) (*explorer, error) {
	d, err := newDigitDFA(r.patterns)
	if err != nil {
		return nil, fmt.Errorf("calling code %d: %v", r.cc, err)
	}
	g, err := newDigitDFA(r.patterns[r.mainGeneral : r.mainGeneral+1])
	if err != nil {
		return nil, err
	}
	return &explorer{r: r, dfa: d, g: g, memo: map[string]uint32{}}, nil
}

// initial returns the prefix matches before any digit is read.
func (e *explorer) initial() []entry {
	if e.r.prefix == nil {
		return nil
	}
	var es []entry
	for i, a := range e.r.prefix.alts {
		es = append(es, entry{alt: int32(i), g: e.g.run(e.g.start, a.litAt[0]), st: reached(a.masks, a.end, 0)})
	}
	return prune(es)
}

// prune drops the alts that come after one that matched: leftmost-first
// matching can no longer choose them.
func prune(es []entry) []entry {
	for i, x := range es {
		if x.st == matched {
			return es[:i+1]
		}
	}
	return es
}

// step returns the prefix matches after reading digit c at position n.
func (e *explorer) step(es []entry, n, c int) []entry {
	var out []entry
	for _, x := range es {
		switch x.st {
		case atEnd:
			continue // the input did not end
		case matched:
			x.g = e.g.step(x.g, c)
		case inProgress:
			a := &e.r.prefix.alts[x.alt]
			if a.masks[n]&(1<<c) == 0 {
				continue
			}
			if a.feed[n] {
				x.g = e.g.step(x.g, c)
			}
			x.g = e.g.run(x.g, a.litAt[n+1])
			x.st = reached(a.masks, a.end, n+1)
		}
		out = append(out, x)
	}
	return prune(out)
}

// stripped reports whether parseHelper would replace a national number of
// length n, whose components give acc, by a stripped one: the national
// prefix matched, the strip keeps a number the general pattern accepts if
// the original was accepted, and the result has a usable length.
func (e *explorer) stripped(acc []bool, n int, es []entry) bool {
	for _, x := range es {
		if x.st == inProgress {
			continue
		}
		a := &e.r.prefix.alts[x.alt]
		if acc[e.r.mainGeneral] && !e.g.accepts(x.g)[0] {
			return false
		}
		l := n + a.delta
		return a.changed && e.r.keepsStripped(l)
	}
	return false
}

// visit returns the automaton state for the configuration after n digits
// of the national number: v in the DFA of the patterns, es for the
// national prefix. Configurations already seen are looked up by key.
func (e *explorer) visit(b *builder, n int, v int32, es []entry) uint32 {
	e.key = e.key[:0]
	e.key = append(e.key, byte(n))
	e.key = binary.AppendUvarint(e.key, uint64(v))
	for _, x := range es {
		e.key = binary.AppendUvarint(e.key, uint64(x.alt))
		e.key = binary.AppendUvarint(e.key, uint64(x.g))
		e.key = append(e.key, x.st)
	}
	if id, ok := e.memo[string(e.key)]; ok {
		return id
	}
	key := string(e.key)
	acc := e.dfa.accepts(v)
	o := e.r.decide(acc, n, e.stripped(acc, n, es))
	var next [10]uint32
	if n < e.r.maxLen {
		for c := range next {
			next[c] = e.visit(b, n+1, e.dfa.step(v, c), e.step(es, n, c))
		}
	}
	id := b.cons(o, next)
	e.memo[key] = id
	return id
}
