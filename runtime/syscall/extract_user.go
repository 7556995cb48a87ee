package syscall

import (
	"github.com/aeriesec/aerie/guest/fields"
	"github.com/aeriesec/aerie/probes/state"
)

func userOf(e *Event, uid uint32) (state.User, bool) {
	if e.Users == nil {
		return state.User{}, false
	}
	return e.Users.User(uid)
}

func init() {
	def("user.uid", evtFn(func(e *Event, d *fields.Value) bool { return num(d, int64(e.Rec.UID)) }))
	def("user.name", evtFn(func(e *Event, d *fields.Value) bool {
		u, ok := userOf(e, e.Rec.UID)
		return ok && str(d, u.Name)
	}))
	def("user.homedir", evtFn(func(e *Event, d *fields.Value) bool {
		u, ok := userOf(e, e.Rec.UID)
		return ok && str(d, u.Home)
	}))
	def("user.shell", evtFn(func(e *Event, d *fields.Value) bool {
		u, ok := userOf(e, e.Rec.UID)
		return ok && str(d, u.Shell)
	}))
	def("user.loginuid", evtFn(func(e *Event, d *fields.Value) bool { return num(d, int64(int32(e.Rec.LoginUID))) }))
	def("user.loginname", evtFn(func(e *Event, d *fields.Value) bool {
		if int32(e.Rec.LoginUID) < 0 {
			return false
		}
		u, ok := userOf(e, e.Rec.LoginUID)
		return ok && str(d, u.Name)
	}))
	def("group.gid", evtFn(func(e *Event, d *fields.Value) bool { return num(d, int64(e.Rec.GID)) }))
	def("group.name", evtFn(func(e *Event, d *fields.Value) bool {
		if e.Users == nil {
			return false
		}
		g, ok := e.Users.Group(e.Rec.GID)
		return ok && str(d, g)
	}))
	containerFields()
}
