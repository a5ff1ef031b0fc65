package store

// DuplicateCandidatesScan is the query the indexed DuplicateCandidates
// replaced, for comparing the two.
var DuplicateCandidatesScan = (*Store).duplicateCandidatesScan
