package store_test

import (
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// The queue, the complaint page and the lists read a complaint's category,
// agency, kelurahan and kecamatan names from the reference cache, not from
// a join (complaintRead): a rename, by this store or by another process on
// the same database, is in every read that follows.
func TestComplaintNamesFollowRenames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081234567890")
		c, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		if err != nil {
			t.Fatal(err)
		}
		cp := f.st.Complaints()
		find := func(list []*aduan.Complaint, err error) *aduan.Complaint {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range list {
				if x.ID == c.ID {
					return x
				}
			}
			t.Fatalf("complaint %d not listed", c.ID)
			return nil
		}
		reads := map[string]func() *aduan.Complaint{
			"Complaint": func() *aduan.Complaint {
				x, err := cp.Complaint(ctx, f.op, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				return x
			},
			"ComplaintByNumber": func() *aduan.Complaint {
				x, err := cp.ComplaintByNumber(ctx, f.op, c.Number)
				if err != nil {
					t.Fatal(err)
				}
				return x
			},
			"ListComplaints": func() *aduan.Complaint {
				list, _, err := cp.ListComplaints(ctx, f.op, aduan.ComplaintFilter{})
				return find(list, err)
			},
			"ListComplaintsByUrgency": func() *aduan.Complaint {
				list, _, err := cp.ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{})
				return find(list, err)
			},
			"ListComplaintsByUrgency by agency": func() *aduan.Complaint {
				list, _, err := cp.ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Sort: "agency"})
				return find(list, err)
			},
			"the agency's inbox": func() *aduan.Complaint {
				list, _, err := cp.ListComplaints(ctx, f.pd, aduan.ComplaintFilter{Statuses: []aduan.Status{aduan.StatusForwarded}})
				return find(list, err)
			},
		}
		// want reads the names as they are in the database now.
		want := func() [4]string {
			t.Helper()
			var n [4]string
			if err := f.st.DB().QueryRow(`SELECT cat.name, ag.name, kel.name, kec.name FROM complaints c
				JOIN categories cat ON cat.id = c.category_id JOIN agencies ag ON ag.id = c.agency_id
				JOIN kelurahan kel ON kel.code = c.kelurahan_code JOIN kecamatan kec ON kec.code = c.kecamatan_code
				WHERE c.id = $1`, c.ID).Scan(&n[0], &n[1], &n[2], &n[3]); err != nil {
				t.Fatal(err)
			}
			return n
		}
		check := func(when string) {
			t.Helper()
			w := want()
			for name, read := range reads {
				x := read()
				if got := [4]string{x.CategoryName, x.AgencyName, x.KelurahanName, x.KecamatanName}; got != w {
					t.Errorf("%s, %s: names %q, want %q", when, name, got, w)
				}
			}
		}
		check("first read")
		check("read again") // from the cache

		ag := *f.dpupr
		ag.Name = "Dinas Pekerjaan Umum (baru)"
		if err := f.st.RefData().SaveAgency(ctx, f.admin, &ag); err != nil {
			t.Fatal(err)
		}
		check("after renaming the agency")

		other := otherStore(t, f.st)
		cat := *f.category
		cat.Name = "Jalan Rusak (baru)"
		if err := other.RefData().SaveCategory(ctx, aduan.System, &cat); err != nil {
			t.Fatal(err)
		}
		check("after another process renamed the category")
		if _, err := other.DB().Exec(`UPDATE kelurahan SET name = 'Kelurahan Baru' WHERE code = $1`, f.kel); err != nil {
			t.Fatal(err)
		}
		if _, err := other.DB().Exec(`UPDATE kecamatan SET name = 'Kecamatan Baru' WHERE code = (SELECT kecamatan_code FROM kelurahan WHERE code = $1)`, f.kel); err != nil {
			t.Fatal(err)
		}
		check("after another process renamed the kelurahan and kecamatan")
		if w := want(); w[1] != ag.Name || w[2] != "Kelurahan Baru" || w[3] != "Kecamatan Baru" {
			t.Fatalf("the renames did not happen: %q", w)
		}
	})
}
