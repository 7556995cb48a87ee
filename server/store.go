package server

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// store keeps uploaded modules on disk, one file per source, so a restart
// finds them. Writes are atomic: temp file, fsync, rename, fsync of the dir.
type store struct {
	dir string // "" keeps nothing
}

var sourceName = regexp.MustCompile(`^[a-z0-9_]{1,64}$`)

func (s store) path(source string) (string, error) {
	if !sourceName.MatchString(source) {
		return "", fmt.Errorf("source name %q is not [a-z0-9_]+", source)
	}
	return filepath.Join(s.dir, source+".wasm"), nil
}

// load returns the stored module of source, or nil when there is none.
func (s store) load(source string) ([]byte, error) {
	if s.dir == "" {
		return nil, nil
	}
	p, err := s.path(source)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

func (s store) save(source string, wasm []byte) error {
	if s.dir == "" {
		return nil
	}
	p, err := s.path(source)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.dir, 0o750); err != nil {
		return fmt.Errorf("save module: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, "."+source+"-*.tmp")
	if err != nil {
		return fmt.Errorf("save module: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(wasm); err != nil {
		tmp.Close()
		return fmt.Errorf("save module: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save module: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save module: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("save module: %w", err)
	}
	return s.syncDir()
}

func (s store) remove(source string) error {
	if s.dir == "" {
		return nil
	}
	p, err := s.path(source)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove module: %w", err)
	}
	return s.syncDir()
}

func (s store) syncDir() error {
	d, err := os.Open(s.dir)
	if err != nil {
		return fmt.Errorf("sync state dir: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync state dir: %w", err)
	}
	return nil
}
