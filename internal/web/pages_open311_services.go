package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// The Open311 services in the console (issue 20): the admin sets each
// service's type, keywords, group, description, notice and attributes, as
// services.xml and the service's definition then show them.

// newAttributeRows is how many empty attribute rows the form offers for
// adding; saving with more filled in is fine, the form grows by these.
const newAttributeRows = 2

type open311ServicesData struct {
	Services []store.Service
	Edit     *store.Service
	Form     serviceForm
	Types    []string
	Datatype []string
	Errors   map[string]string
	Error    string
	// AttrErrors are the attribute rows' messages, each with its field.
	AttrErrors []string
}

// serviceForm is the edit form as typed, kept to show it again on an error.
type serviceForm struct {
	Type, Keywords, Group, Description, Notice string
	Attrs                                      []attrRow
}

type attrRow struct {
	Code, Datatype, Description, Order, Values string
	Required                                   bool
}

// Open311Services lists the services with their configuration, and with
// ?code= opens one for editing.
func (w *Web) Open311Services(rw http.ResponseWriter, r *http.Request) error {
	// The form is for those who may save it (as the store checks on
	// saving); every other role was shown an administration form it
	// could not use.
	if err := actorOf(r).Require(aduan.PermCategoryEdit); err != nil {
		return err
	}
	d := &open311ServicesData{}
	if code := r.URL.Query().Get("code"); code != "" {
		sv, err := w.Stores.Open311Admin.Open311Service(r.Context(), code)
		if err != nil {
			return err
		}
		d.Edit, d.Form = sv, formOf(sv)
	}
	return w.open311Services(rw, r, http.StatusOK, d)
}

func (w *Web) open311Services(rw http.ResponseWriter, r *http.Request, status int, d *open311ServicesData) error {
	var err error
	if d.Services, err = w.Stores.Public.Open311Services(r.Context()); err != nil {
		return err
	}
	for k, m := range d.Errors {
		if strings.HasPrefix(k, "attributes") {
			d.AttrErrors = append(d.AttrErrors, strings.TrimPrefix(k, "attributes.")+": "+m)
		}
	}
	sort.Strings(d.AttrErrors)
	d.Types = []string{store.ServiceRealtime, store.ServiceBatch, store.ServiceBlackbox}
	d.Datatype = store.AttributeTypes()
	for i := 0; i < newAttributeRows; i++ {
		d.Form.Attrs = append(d.Form.Attrs, attrRow{})
	}
	return w.render(rw, r, status, "admin_open311_services", &Page{Title: i18n.T(langOf(r), "o311.cfg.title"), Data: d})
}

func formOf(sv *store.Service) serviceForm {
	f := serviceForm{Type: sv.Type, Keywords: strings.Join(sv.Set.Keywords, "; "), Group: sv.Set.Group, Description: sv.Set.Description, Notice: sv.Notice}
	for _, a := range sv.Attributes {
		var vals []string
		for _, v := range a.Values {
			vals = append(vals, v.Key+"="+v.Name)
		}
		f.Attrs = append(f.Attrs, attrRow{Code: a.Code, Datatype: a.Datatype, Description: a.Description, Order: strconv.Itoa(a.Order),
			Values: strings.Join(vals, "\n"), Required: a.Required})
	}
	return f
}

// SaveOpen311Service saves one service's configuration from the form.
// Attribute rows come as attr_code.N, attr_datatype.N…; a row without a
// code is left out (that is how an attribute is removed), and the list
// values are one "key=name" a line.
func (w *Web) SaveOpen311Service(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	code := r.PathValue("code")
	sv, err := w.Stores.Open311Admin.Open311Service(r.Context(), code)
	if err != nil {
		return err
	}
	pf := r.PostForm
	f := serviceForm{Type: pf.Get("type"), Keywords: pf.Get("keywords"), Group: pf.Get("group"), Description: pf.Get("description"), Notice: pf.Get("notice")}
	cfg := store.ServiceConfig{Code: code, Type: f.Type, Keywords: strings.Split(f.Keywords, ";"), Group: f.Group, Description: f.Description, Notice: f.Notice}
	var v aduan.Validation
	for i := 0; pf.Has("attr_code." + strconv.Itoa(i)); i++ {
		n := strconv.Itoa(i)
		row := attrRow{Code: strings.TrimSpace(pf.Get("attr_code." + n)), Datatype: pf.Get("attr_datatype." + n), Description: strings.TrimSpace(pf.Get("attr_description." + n)),
			Order: strings.TrimSpace(pf.Get("attr_order." + n)), Values: pf.Get("attr_values." + n), Required: pf.Get("attr_required."+n) == "1"}
		if row.Code == "" {
			continue
		}
		f.Attrs = append(f.Attrs, row)
		ord, err := strconv.Atoi(row.Order)
		if err != nil {
			v.Add("attributes."+row.Code+".order", "err.field.range", 1, 1000)
		}
		a := store.ServiceAttribute{Code: row.Code, Datatype: row.Datatype, Variable: true, Required: row.Required, Order: ord, Description: row.Description}
		for _, line := range strings.Split(row.Values, "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			key, name, ok := strings.Cut(line, "=")
			if !ok {
				name = key
			}
			a.Values = append(a.Values, store.AttributeValue{Key: strings.TrimSpace(key), Name: strings.TrimSpace(name)})
		}
		if a.Description == "" {
			v.Add("attributes."+row.Code+".description", "err.field.required")
		}
		cfg.Attributes = append(cfg.Attributes, a)
	}
	err = v.Err()
	if err == nil {
		err = w.Stores.Open311Admin.SaveOpen311Service(r.Context(), actorOf(r), cfg)
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) != aduan.EINVALID {
			return err
		}
		return w.open311Services(rw, r, http.StatusBadRequest, &open311ServicesData{Edit: sv, Form: f, Errors: fields, Error: msg})
	}
	return redirect(rw, r, "/admin/open311-services?code="+code, "web.ok.open311_service_saved")
}
