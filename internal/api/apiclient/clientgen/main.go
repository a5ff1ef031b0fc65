// Command clientgen writes the generated API client (package apiclient) from
// the OpenAPI document of internal/api.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"

	"github.com/kotakita/aduan/internal/api"
)

func main() {
	out := flag.String("o", "client.gen.go", "output file")
	flag.Parse()
	src, err := generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "clientgen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, []byte(src), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "clientgen:", err)
		os.Exit(1)
	}
}

// generate returns the client's source for the document as served now.
func generate() (string, error) {
	raw, err := json.Marshal(api.Document())
	if err != nil {
		return "", fmt.Errorf("marshal document: %w", err)
	}
	spec, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		return "", fmt.Errorf("load document: %w", err)
	}
	src, err := codegen.Generate(spec, codegen.Configuration{
		PackageName:   "apiclient",
		Generate:      codegen.GenerateOptions{Client: true, Models: true},
		OutputOptions: codegen.OutputOptions{SkipPrune: true},
	})
	if err != nil {
		return "", fmt.Errorf("generate: %w", err)
	}
	return src, nil
}
