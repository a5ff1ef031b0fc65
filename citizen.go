package aduan

import (
	"strings"
	"time"
)

// Citizen is a person who complains. The same person calling again is found
// by their mobile number.
type Citizen struct {
	ID            int64
	Name          string
	Phone         Phone // E.164: a mobile (+628…) or a landline a call-back can reach; empty if unknown
	Email         string
	Address       string
	KelurahanCode string
	KecamatanCode string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int64
}

// Missing lists the identity fields the SOP requires (step 3: name, mobile
// number, address) that are still empty; of no citizen at all (a complaint
// without a caller on record), all of them. Every surface asks here rather
// than writing the list again.
func (c *Citizen) Missing() []string {
	if c == nil {
		return []string{"name", "phone", "address"}
	}
	var m []string
	if strings.TrimSpace(c.Name) == "" {
		m = append(m, "name")
	}
	if c.Phone == "" {
		m = append(m, "phone")
	}
	if strings.TrimSpace(c.Address) == "" {
		m = append(m, "address")
	}
	return m
}

// CitizenInput is what an operator types about the caller. Phone is raw input
// until the store normalises it (the domain has no phone library).
type CitizenInput struct {
	Name          string
	Phone         string
	Email         string
	Address       string
	KelurahanCode string
}

// Normalize trims the input.
func (c *CitizenInput) Normalize() {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.Phone = strings.TrimSpace(c.Phone)
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
	c.Address = strings.TrimSpace(c.Address)
	c.KelurahanCode = strings.TrimSpace(c.KelurahanCode)
}

// Validate checks the input without the database. Phone format is checked by
// the phone normaliser the caller applies.
func (c *CitizenInput) Validate() error {
	var v Validation
	c.validateInto(&v, "")
	return v.Err()
}

func (c *CitizenInput) validateInto(v *Validation, prefix string) {
	checkText(v, prefix+"name", c.Name, MaxNameLen, false)
	checkText(v, prefix+"address", c.Address, MaxAddressLen, false)
	if c.Email != "" {
		if key := CheckEmail(c.Email); key != "" {
			v.Add(prefix+"email", key)
		}
	}
}

// Empty reports whether nothing at all was given.
func (c *CitizenInput) Empty() bool {
	return c.Name == "" && c.Phone == "" && c.Email == "" && c.Address == "" && c.KelurahanCode == ""
}
