package gen

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// A digitDFA runs several full-match regular expressions ("components") side
// by side over strings of the digits 0-9, the only alphabet an E.164 number
// has. States are built on demand by subset construction over the programs
// that regexp/syntax compiles, so the set of strings each component accepts
// is exactly the set Go's regexp package accepts for "^(?:pattern)$".
type digitDFA struct {
	progs []*syntax.Prog
	sets  [][]uint64 // state → sorted NFA states (component<<32 | pc)
	index map[string]int32
	next  [][10]int32 // -2: not computed yet
	acc   [][]bool    // state → component accepts the string read so far
	start int32
}

// dead is the state of the empty NFA set, from which nothing is accepted.
const dead int32 = 0

// newDigitDFA compiles each pattern as Go's regexp package does for
// "^(?:pattern)$".
func newDigitDFA(patterns []string) (*digitDFA, error) {
	d := &digitDFA{index: map[string]int32{}}
	for _, p := range patterns {
		prog, err := compile("^(?:" + p + ")$")
		if err != nil {
			return nil, err
		}
		d.progs = append(d.progs, prog)
	}
	d.intern(nil) // state 0 is dead
	var start []uint64
	for c, prog := range d.progs {
		var err error
		start, err = d.closure(start, uint64(c), uint32(prog.Start), syntax.EmptyBeginText|syntax.EmptyBeginLine)
		if err != nil {
			return nil, err
		}
	}
	d.start = d.intern(start)
	return d, nil
}

func compile(expr string) (*syntax.Prog, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	return syntax.Compile(re.Simplify())
}

func (d *digitDFA) intern(set []uint64) int32 {
	slices.Sort(set)
	set = slices.Compact(set)
	var b strings.Builder
	for _, s := range set {
		b.WriteString(strconv.FormatUint(s, 36))
		b.WriteByte(',')
	}
	key := b.String()
	if id, ok := d.index[key]; ok {
		return id
	}
	id := int32(len(d.sets))
	d.index[key] = id
	d.sets = append(d.sets, set)
	d.next = append(d.next, [10]int32{-2, -2, -2, -2, -2, -2, -2, -2, -2, -2})
	d.acc = append(d.acc, nil)
	return id
}

// closure adds to set the instructions reachable from pc without reading a
// digit, given the empty-width assertions that hold here. It keeps only the
// instructions that matter later: those that read a digit, Match, and
// assertions that may hold at the end of the input.
func (d *digitDFA) closure(set []uint64, comp uint64, pc uint32, ok syntax.EmptyOp) ([]uint64, error) {
	prog := d.progs[comp]
	seen := map[uint32]bool{}
	stack := []uint32{pc}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Arg, in.Out)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, in.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			if op&^(syntax.EmptyBeginText|syntax.EmptyBeginLine|syntax.EmptyEndText|syntax.EmptyEndLine) != 0 {
				return nil, fmt.Errorf("word-boundary assertion in %q", prog.String())
			}
			if op&^ok == 0 {
				stack = append(stack, in.Out)
			} else {
				set = append(set, comp<<32|uint64(pc))
			}
		case syntax.InstFail:
		default: // Match and the rune instructions
			set = append(set, comp<<32|uint64(pc))
		}
	}
	return set, nil
}

func matchDigit(in *syntax.Inst, r rune) bool {
	switch in.Op {
	case syntax.InstRune, syntax.InstRune1:
		return in.MatchRune(r)
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// step returns the state after reading digit c.
func (d *digitDFA) step(s int32, c int) int32 {
	if n := d.next[s][c]; n != -2 {
		return n
	}
	var set []uint64
	for _, st := range d.sets[s] {
		comp, pc := st>>32, uint32(st)
		in := &d.progs[comp].Inst[pc]
		if matchDigit(in, rune('0'+c)) {
			var err error
			// Errors were reported when the instruction was first reached.
			set, err = d.closure(set, comp, in.Out, 0)
			if err != nil {
				panic(err)
			}
		}
	}
	n := d.intern(set)
	d.next[s][c] = n
	return n
}

// accepts reports, per component, whether the digits read to reach s (at
// least one) form a full match.
func (d *digitDFA) accepts(s int32) []bool {
	if d.acc[s] != nil {
		return d.acc[s]
	}
	acc := make([]bool, len(d.progs))
	for _, st := range d.sets[s] {
		comp, pc := st>>32, uint32(st)
		set, err := d.closure(nil, comp, pc, syntax.EmptyEndText|syntax.EmptyEndLine)
		if err != nil {
			panic(err)
		}
		for _, x := range set {
			if d.progs[comp].Inst[uint32(x)].Op == syntax.InstMatch {
				acc[comp] = true
			}
		}
	}
	d.acc[s] = acc
	return acc
}

// run returns the state after reading the digits of s (dead if s holds
// anything else).
func (d *digitDFA) run(s int32, digits string) int32 {
	for i := 0; i < len(digits) && s != dead; i++ {
		c := int(digits[i]) - '0'
		if c < 0 || c > 9 {
			return dead
		}
		s = d.step(s, c)
	}
	return s
}
