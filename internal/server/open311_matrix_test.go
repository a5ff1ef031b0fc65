package server_test

// open311PublicRoutes are the Open311 routes: public, each method that
// needs an api_key checks it (internal/open311 tests every error path).
var open311PublicRoutes = []string{
	"GET /open311/v2/{file}", "POST /open311/v2/{file}", "GET /open311/v2/services/{code}",
	"GET /open311/v2/requests/{id}", "GET /open311/v2/tokens/{token}", "GET /open311/",
}
