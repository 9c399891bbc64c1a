package sop

import (
	"strconv"
	"strings"
)

// JoinWords lists words as a sentence does, the last joined by conj:
// "a", "a and b", "a, b and c" for conj "and".
func JoinWords(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// DidYouMean asks whether the candidate closest to word (Closest) was
// meant, as `did you mean "owner"?`, or returns "" when none is close.
// Every message that suggests a name words it so; each puts it after its
// own separator.
func DidYouMean(word string, candidates []string) string {
	return Meant(Closest(word, candidates))
}

// Meant asks whether name, a suggestion already chosen, was meant: `did
// you mean "owner"?`, or "" when name is "".
func Meant(name string) string {
	if name == "" {
		return ""
	}
	return "did you mean " + strconv.Quote(name) + "?"
}

// SuggestKey returns the key of keys that word, an unknown key, most
// likely means, or "": the key word is an alias of (approved_by means
// approver), else the one key that word, three letters or more, begins
// (review_cycle means review_cycle_days) or that word extends at a "_"
// (owner_email means owner), else the Closest name. Aliases and names compare without case, and "-"
// or " " read as "_".
func SuggestKey[K interface{ KeyOf() Key }](word string, keys []K) string {
	w := keyForm(word)
	for _, k := range keys {
		for _, a := range k.KeyOf().Aliases {
			if keyForm(a) == w {
				return k.KeyOf().Name
			}
		}
	}
	return SuggestName(word, KeyNames(keys))
}

// SuggestName is SuggestKey for names without aliases.
func SuggestName(word string, names []string) string {
	w := keyForm(word)
	var extended []string
	for _, n := range names {
		if len(w) > 2 && strings.HasPrefix(n, w) || strings.HasPrefix(w, n+"_") {
			extended = append(extended, n)
		}
	}
	if len(extended) == 1 {
		return extended[0]
	}
	return Closest(w, names)
}

// keyForm is how a key is compared with names and aliases.
func keyForm(s string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
}

// Closest returns the candidate nearest to word by edit distance (with
// transpositions, so "onwer" finds "owner"), or "" when none is close
// enough to be a likely typo. A word that is a candidate with another
// English ending is another word, not a typo of it: "reviewer" (a person)
// does not find "reviewed" (a date).
func Closest(word string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		if otherEnding(word, c) {
			continue
		}
		d := editDistance(word, c)
		// A third of the shorter word may differ: "onwer" finds "owner",
		// but a one- or two-letter word is nobody's typo of another.
		limit := min(len([]rune(c)), len([]rune(word))) / 3
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// EditDistance is the number of single-letter edits (insertions,
// deletions, substitutions, transpositions) between a and b; words over 64
// letters are never close.
func EditDistance(a, b string) int { return editDistance(a, b) }

// editDistance is the optimal string alignment distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 30 // not a typo of a field name
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// wordEndings are English endings that make a different word of one
// stem, by what the word names: a person (-er, -or), a past or a state
// (-ed), an action (-ing).
var wordEndings = map[string]string{"er": "person", "or": "person", "ed": "past", "ing": "action"}

// otherEnding reports whether a and b are one stem with endings that name
// different things, like reviewer and reviewed (but not approvor and
// approver: both a person).
func otherEnding(a, b string) bool {
	for ea, ka := range wordEndings {
		for eb, kb := range wordEndings {
			if ka == kb || !strings.HasSuffix(a, ea) || !strings.HasSuffix(b, eb) {
				continue
			}
			if stem := strings.TrimSuffix(a, ea); len(stem) > 2 && stem == strings.TrimSuffix(b, eb) {
				return true
			}
		}
	}
	return false
}
