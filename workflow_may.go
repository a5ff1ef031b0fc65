package aduan

// MayTake reports whether actor a may take act on c now, as Apply would
// judge it: nil, EFORBIDDEN for a role (or agency) the step is not for,
// ETRANSITION for a status it does not start from, EINVALID for an unknown
// action. A handler that has costly work to do before the step (photos to
// open and store) asks first, so that a caller who may not act causes
// none of it.
func MayTake(c *Complaint, a Actor, act Action) error {
	t, ok := TransitionFor(act)
	if !ok {
		return Errorf(EINVALID, "err.unknown_action", string(act))
	}
	return checkAllowed(c, a, t)
}
