package search

// CompleteAll makes s complete the scores of all its best candidates, not
// only those that can reach the results: the ranking the bound must give.
func CompleteAll(s *Searcher) { s.completeAll = true }
