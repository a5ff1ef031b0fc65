package server

// ppidRoutes: public-information requests (UU 14/2008), the PPID's track
// beside complaints. Each handler asks the store, which checks the
// procedure's table (inforequest.go).
func (s *Server) ppidRoutes() []Route {
	a := s.api
	routes := []Route{
		{Method: "GET", Pattern: "/api/v1/ppid/requests", Auth: true, Handler: a.InfoRequests},
		{Method: "POST", Pattern: "/api/v1/ppid/requests", Auth: true, Handler: a.CreateInfoRequest},
		{Method: "GET", Pattern: "/api/v1/ppid/requests/{id}", Auth: true, Handler: a.GetInfoRequest},
		{Method: "POST", Pattern: "/api/v1/ppid/requests/{id}/actions/{action}", Auth: true, Handler: a.InfoRequestAction},
		{Method: "GET", Pattern: "/api/v1/ppid/registers/{book}", Auth: true, Handler: a.InfoRegister},
		{Method: "GET", Pattern: "/api/v1/ppid/annual/{year}", Auth: true, Handler: a.InfoAnnual},
	}
	w := s.web
	if w == nil {
		return routes
	}
	return append(routes, []Route{
		{Method: "GET", Pattern: "/ppid", Auth: true, Handler: w.PPIDList, HTML: true},
		{Method: "POST", Pattern: "/ppid", Auth: true, Handler: w.PPIDRegister, HTML: true},
		{Method: "GET", Pattern: "/ppid/new", Auth: true, Handler: w.PPIDNewPage, HTML: true},
		{Method: "POST", Pattern: "/ppid/new", Auth: true, Handler: w.PPIDFromDesk, HTML: true},
		{Method: "GET", Pattern: "/ppid/{id}", Auth: true, Handler: w.PPIDRequest, HTML: true},
		{Method: "POST", Pattern: "/ppid/{id}", Auth: true, Handler: w.PPIDAct, HTML: true},
		{Method: "GET", Pattern: "/ppid/{id}/surat/{kind}", Auth: true, Handler: w.PPIDNotice, HTML: true},
		{Method: "GET", Pattern: "/ppid/{id}/berkas/unduh", Auth: true, Handler: w.PPIDDocument, HTML: true},
		{Method: "GET", Pattern: "/ppid/buku/{book}/unduh/{file}", Auth: true, Handler: w.PPIDBook, HTML: true},
		{Method: "GET", Pattern: "/ppid/laporan/{year}", Auth: true, Handler: w.PPIDAnnual, HTML: true},
		{Method: "POST", Pattern: "/ppid/laporan/{year}", Auth: true, Handler: w.PPIDAnnualPrepare, HTML: true},
		{Method: "GET", Pattern: "/ppid/laporan/{year}/unduh/{file}", Auth: true, Handler: w.PPIDAnnual, HTML: true},
		{Method: "GET", Pattern: "/ppid/daftar", Auth: true, Handler: w.PPIDDaftar, HTML: true},
		{Method: "POST", Pattern: "/ppid/daftar", Auth: true, Handler: w.PPIDDaftarSave, HTML: true},
		{Method: "POST", Pattern: "/ppid/daftar/{id}/hapus", Auth: true, Handler: w.PPIDDaftarDelete, HTML: true},
		// The public side: no log-in.
		{Method: "GET", Pattern: "/informasi", Auth: false, Handler: s.public.InfoTrackPage, HTML: true},
		{Method: "POST", Pattern: "/informasi", Auth: false, Handler: s.public.InfoTrack, HTML: true},
		{Method: "GET", Pattern: "/informasi/mohon", Auth: false, Handler: s.public.InfoFormPage, HTML: true},
		{Method: "POST", Pattern: "/informasi/mohon", Auth: false, Handler: s.public.InfoForm, HTML: true},
		{Method: "GET", Pattern: "/informasi/terkirim", Auth: false, Handler: s.public.InfoSent, HTML: true},
		{Method: "GET", Pattern: "/informasi/daftar", Auth: false, Handler: s.public.InfoList, HTML: true},
		{Method: "GET", Pattern: "/informasi/verifikasi", Auth: false, Handler: s.public.InfoVerify, HTML: true},
	}...)
}
