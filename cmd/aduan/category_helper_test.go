package main

import (
	"testing"

	"github.com/kotakita/aduan/internal/apitest"
)

// classified is the ID of the seeded category SAMPAH, read through the API
// as c: a complaint is answered, forwarded or closed only with a category
// (aduan.CategoryFirst), and SAMPAH, in the default tier at the default
// priority, leaves every deadline as an unclassified complaint's was.
func classified(t testing.TB, c *apitest.Client) int64 {
	t.Helper()
	for _, cat := range apitest.Items(c.Do("GET", "/api/v1/categories", nil).Must(t, 200)) {
		if apitest.Str(cat, "code") == "SAMPAH" {
			return apitest.Num(cat, "id")
		}
	}
	t.Fatal("no category SAMPAH")
	return 0
}
