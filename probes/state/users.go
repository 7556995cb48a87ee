package state

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// User is one /etc/passwd entry.
type User struct {
	Name  string `json:"name"`
	Home  string `json:"home"`
	Shell string `json:"shell"`
}

// Users maps uids and gids to names (host /etc/passwd and /etc/group).
type Users struct {
	Users  map[uint32]User   `json:"users"`
	Groups map[uint32]string `json:"groups"`
}

// LoadUsers reads etc/passwd and etc/group under root. Missing files give
// empty tables; unreadable lines are skipped.
func LoadUsers(root string) *Users {
	u := &Users{Users: map[uint32]User{}, Groups: map[uint32]string{}}
	eachLine(filepath.Join(root, "etc", "passwd"), func(f []string) {
		if len(f) >= 7 {
			if id, err := strconv.ParseUint(f[2], 10, 32); err == nil {
				u.Users[uint32(id)] = User{Name: f[0], Home: f[5], Shell: f[6]}
			}
		}
	})
	eachLine(filepath.Join(root, "etc", "group"), func(f []string) {
		if len(f) >= 3 {
			if id, err := strconv.ParseUint(f[2], 10, 32); err == nil {
				u.Groups[uint32(id)] = f[0]
			}
		}
	})
	return u
}

func eachLine(path string, fn func([]string)) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fn(strings.Split(line, ":"))
	}
}

// User returns the entry of uid.
func (u *Users) User(uid uint32) (User, bool) {
	x, ok := u.Users[uid]
	return x, ok
}

// Group returns the name of gid.
func (u *Users) Group(gid uint32) (string, bool) {
	x, ok := u.Groups[gid]
	return x, ok
}
