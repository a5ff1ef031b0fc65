package seed

import _ "embed"

// The starter answer folder is the project's own text, not a copy of shared
// data: entries written for Depok's most frequent questions, in the answer
// library's file format (see search.ReadLibrary), so that a new install and
// the demo can import it. Entries whose facts the city must confirm say so
// in their source text ("PERLU DIKONFIRMASI PEMKOT").
//
//go:embed library/starter.json
var starterLibrary []byte

// StarterLibrary returns the starter answer folder as an aduan-library JSON
// file.
func StarterLibrary() []byte { return starterLibrary }
