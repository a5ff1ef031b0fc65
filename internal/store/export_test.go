package store

// DuplicateCandidatesScan is the query the indexed DuplicateCandidates
// replaced, for comparing the two.
var DuplicateCandidatesScan = (*Store).duplicateCandidatesScan

// UrgencyOrder and OpenSQL are the work queue's order and the open
// complaints' condition, for checking that an index serves them.
const UrgencyOrder, OpenSQL = urgencyOrder, openSQL
