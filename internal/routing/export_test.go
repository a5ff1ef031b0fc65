package routing

// Release drops the model's raw counts, as the service does once the
// model is stored.
func (m *Model) Release() { m.release() }
