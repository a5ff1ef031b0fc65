package web

// PhotoLimit is the largest photo the public form takes (MaxPhoto, by
// default 10 MiB); the server bounds the form's body by it.
func (p *Public) PhotoLimit() int64 {
	if p.MaxPhoto > 0 {
		return p.MaxPhoto
	}
	return 10 << 20
}

// StepBodyLimit is the largest body of a complaint's step form: its
// fields and up to maxPhotos photos of MaxPhotoBytes each.
func (w *Web) StepBodyLimit() int64 {
	return maxPhotos*w.maxPhoto() + maxForm
}
