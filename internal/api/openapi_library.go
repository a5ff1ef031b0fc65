package api

import "github.com/kotakita/aduan/internal/search"

// libraryOperations documents the library area's routes of /api/v1.
var libraryOperations = []op{
	{"get", "/api/v1/library", "List answer-library entries (folder jawaban), newest first", nil, Page[LibraryEntryJSON]{}, 200, false,
		[]string{"agency_id", "category_id", "active", "cursor", "limit"}},
	{"post", "/api/v1/library", "Add an entry: title, question phrasings, answer, source (URL or regulation), agency, categories, validity, review date", LibraryInputJSON{}, LibraryEntryJSON{}, 201, false, nil},
	{"get", "/api/v1/library/review-due", "Entries past their review date or their validity, for the coordinator", nil, Page[LibraryEntryJSON]{}, 200, false, []string{"cursor", "limit"}},
	{"get", "/api/v1/library/export", "The whole library as a file (?format=json or csv); agencies and categories by code", nil, nil, 200, false, []string{"format"}},
	{"post", "/api/v1/library/import", "Load a library file (JSON, or CSV with Content-Type text/csv) in one transaction: rows naming an existing ref update it (a new version when changed), others create entries; every bad row is reported and then nothing is written", search.LibraryFile{}, importResult{}, 200, false, []string{"format"}},
	{"post", "/api/v1/library/from-complaint/{id}", "Make an entry from an answered complaint (by ID or number) in one click; the optional body overrides what is taken from it", fromComplaintBody{}, LibraryEntryJSON{}, 201, false, nil},
	{"get", "/api/v1/library/{id}", "One entry", nil, LibraryEntryJSON{}, 200, false, nil},
	{"patch", "/api/v1/library/{id}", "Change an entry (fields present are changed; version required); the previous version is kept", LibraryInputJSON{}, LibraryEntryJSON{}, 200, false, nil},
	{"get", "/api/v1/library/{id}/history", "Every version of an entry, newest first, with who changed what and when", nil, list[LibraryVersionJSON]{}, 200, false, nil},
	{"post", "/api/v1/library/{id}/actions/review", "Record that the entry was checked today; the next review falls due on review_due (default in six months)", reviewBody{}, LibraryEntryJSON{}, 200, false, nil},
	{"get", "/api/v1/search", "Search the library and past answered complaints as the operator types (the last word also matches words it begins unless complete=true); ranked by BM25, matching words marked in *_html; expired entries left out unless valid=false", nil, SearchResultJSON{}, 200, false,
		[]string{"q", "agency_id", "category_id", "valid", "kind", "complete", "limit"}},
	{"get", "/api/v1/routing/suggest", "The best three categories and agencies for a complaint text (and kelurahan code), with confidences, learned from the city's finished complaints", nil, RoutingSuggestJSON{}, 200, false, []string{"text", "kelurahan"}},
	{"post", "/api/v1/routing/retrain", "Retrain the routing suggestion now from the finished complaints", nil, RoutingModelJSON{}, 200, false, nil},
	{"get", "/api/v1/complaints/{id}/similar", "Open complaints that may be the same problem (similar words, same kelurahan or street, within duplicate_window_days); link one with the mark_duplicate action", nil, list[SimilarHitJSON]{}, 200, false, nil},
}
