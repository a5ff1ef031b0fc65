// Package analyzer is the one Indonesian text analyzer behind complaint
// search. Both search backends, SQLite FTS5 and PostgreSQL, index and query
// the terms it produces instead of running their own language processing,
// so a search returns the same complaints whichever database is deployed.
//
// # Pipeline
//
// Every word goes through the same stages, whether it comes from a
// complaint being indexed (Terms, Tokens) or from a search box (Query):
//
//  1. Tokenisation. A word is a maximal run of Unicode letters and decimal
//     digits (combining marks continue a word, so a decomposed accent does
//     not split it). Everything else separates words, including invalid
//     UTF-8, which is skipped rather than rejected: complaints arrive from
//     SMS gateways and old phones. Digits are kept ("2 mgg", "RT 05").
//     Diacritics are kept as typed; folding them is not needed for
//     Indonesian and PostgreSQL does not fold them either.
//  2. Lower-casing (Unicode simple case mapping).
//  3. Reduplication shorthand: "anak2" is read as "anak-anak" and reduced to
//     its base "anak". Only letters plus a final "2" qualify, and only when
//     the letters contain a vowel, so codes such as "rw2" stay intact.
//  4. Protected terms: service acronyms listed alone on a line of
//     normalisasi.txt (PJU, PDAM, KTP, KK, BPJS, DTKS, PPDB, SPMB, TPS, PKL,
//     ODGJ, DBD, KDRT, RT, RW, ...) are emitted as they are, skipping the
//     remaining stages. Without this "kk" (Kartu Keluarga) would be read as
//     chat slang for "kakak".
//  5. Normalisation of informal spellings from normalisasi.txt ("gk" →
//     "tidak", "jln" → "jalan", "rs" → "rumah sakit"). A spelling may expand
//     to several words; each then becomes its own term. The list is applied
//     once, never recursively.
//  6. Stop-word removal with stopwords.txt, on the standard (normalised,
//     unstemmed) word. Deliberately NOT stop words: the negations tidak,
//     bukan, jangan, tanpa and the status words belum, sudah, telah, masih.
//     In complaints they separate "belum diperbaiki" from "sudah
//     diperbaiki" and "lampu tidak menyala" from a report that the lamp is
//     fine, which is exactly what staff search for; the cost, slightly
//     larger posting lists for very common words, is negligible at a city's
//     volume.
//  7. Stemming with Stem, a Go implementation of the Snowball Indonesian
//     stemmer (Tala's Porter-style algorithm as revised on snowballstem.org).
//
// Tokens reports the byte span of every source word so a user interface
// can highlight the words of a complaint whose terms match the query. Stop
// words appear there with an empty Term; an expanded word yields one Token
// per expansion word, all with the same span.
//
// # Word lists
//
// normalisasi.txt and stopwords.txt are embedded at build time and parsed
// once at start-up; a malformed edit makes every test in this package fail.
// Tests also check that no entry is dead (an informal key that is also a
// stop word, a mapping onto another informal key, ...). Changing either
// list changes the terms of existing text, so the search index must be
// rebuilt after such a change.
//
// # Relation to PostgreSQL
//
// Stem is checked word for word against PostgreSQL 15's
// ts_lexize('indonesian_stem', w), the libstemmer Snowball Indonesian
// stemmer, by TestStemMatchesPostgres (every word of testdata/words.txt,
// about 12,000 real and generated words) and by
// TestStemMatchesPostgresSynthetic (20,000 pseudo-words built from affix
// pieces). Intended differences in Stem: none. Like PostgreSQL, Stem
// lower-cases its input, treats only a, e, i, o, u as vowels (accented
// letters count as consonants) and returns words longer than 1000 bytes
// unstemmed. Lower-casing of non-ASCII capitals follows Go's Unicode tables,
// which may differ from the database locale's; the analyzer lower-cases
// before stemming, so this never matters for indexed terms.
//
// The stems are those of the algorithm, not dictionary roots: "sekolah"
// becomes "seko" (-lah is taken for the particle), "kemarin" becomes
// "marin", and "menumpuk" becomes "umpuk" while "tumpuk" stays. That is
// harmless for search because documents and queries are stemmed alike,
// and it is the price of matching PostgreSQL exactly.
//
// The analyzer as a whole intentionally differs from
// to_tsvector('indonesian', text), which has no stop words, no slang
// normalisation, no acronym protection and a different tokenizer (it keeps
// hyphenated compounds such as "mobil-mobilan", e-mail addresses and URLs
// as tokens). Backends should therefore store the analyzer's terms rather
// than re-analyse text: in PostgreSQL, for example, with
// array_to_tsvector(terms) (lexemes are taken verbatim) and a tsquery built
// from Query's terms; in SQLite FTS5 with the terms joined by spaces in a
// column whose tokenizer neither folds diacritics nor splits at combining
// marks (unicode61 remove_diacritics 0 categories 'L* N* Co M*'), so that
// both keep "ékonom" as is. Terms consist only of lower-case letters,
// digits and combining marks, so they never need escaping in either query
// language beyond ordinary quoting.
package analyzer
