package aduan

import "strings"

// Answers in the folder may hold placeholders that the complaint answered
// fills: {nama} the caller's name ("Bapak/Ibu" when unknown or anonymous),
// {kelurahan} its kelurahan, {nomor} its number. They are filled when the
// answer is recorded, whatever its source, so that no citizen is ever sent
// a brace.

// FillAnswer returns answer with its placeholders filled from c and the
// caller's name (empty when unknown).
func FillAnswer(answer string, c *Complaint, citizenName string) string {
	if !strings.Contains(answer, "{") {
		return answer
	}
	name := strings.TrimSpace(citizenName)
	if name == "" || c.Confidentiality == Anonymous {
		name = "Bapak/Ibu"
	}
	kel := c.KelurahanName
	if kel == "" {
		kel = "tempat Bapak/Ibu"
	}
	return strings.NewReplacer("{nama}", name, "{kelurahan}", kel, "{nomor}", c.Number).Replace(answer)
}

// SameAnswer reports whether two answers are the same text once case and
// spacing are set aside: an answer taken from a past case and sent as it
// stood.
func SameAnswer(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(a) == norm(b)
}
