package api

// open311Operations documents the Open311 GeoReport v2 routes (public;
// their own formats are described by the standard, http://wiki.open311.org/GeoReport_v2:
// the {file} and {code}/{id}/{token} segments end in .xml or .json).
var open311Operations = []op{
	{"get", "/open311/v2/{file}", "Open311 GeoReport v2: discovery.{xml,json}, services.{xml,json}, requests.{xml,json} (filters service_request_id, service_code, start_date, end_date, status; extensions page, page_size, extensions=true), servicerequestupdates.{xml,json} (FixMyStreet, with api_key, when turned on; newest first without dates, paged by page/page_size or cursor)", nil, []map[string]any{}, 200, true,
		[]string{"jurisdiction_id", "api_key", "service_request_id", "service_code", "start_date", "end_date", "status", "page", "page_size", "cursor", "extensions", "lang"}},
	{"post", "/open311/v2/{file}", "Open311 GeoReport v2: POST requests.{xml,json} files a complaint (form-encoded; api_key, service_code, a location, attribute[CODE]); POST servicerequestupdates.{xml,json} records a FixMyStreet update", map[string]any{}, []map[string]any{}, 200, true, nil},
	{"get", "/open311/v2/services/{code}", "Open311 service definition: services/{service_code}.{xml,json}", nil, map[string]any{}, 200, true, []string{"jurisdiction_id"}},
	{"get", "/open311/v2/requests/{id}", "Open311 one service request: requests/{service_request_id}.{xml,json} (a list of one)", nil, []map[string]any{}, 200, true, []string{"jurisdiction_id", "extensions"}},
	{"get", "/open311/", "Any other Open311 path: 404 with the standard's XML error body", nil, nil, 404, true, nil},
	{"get", "/open311/v2/tokens/{token}", "Open311 service_request_id from a batch token: tokens/{token}.{xml,json}", nil, []map[string]any{}, 200, true, []string{"jurisdiction_id"}},
}
