//go:build !linux

package library

import "os"

// folder is a folder of SOP files held open, as an os.Root in which each
// file is opened by its name.
type folder struct{ root *os.Root }

func openFolder(root *os.Root, dir string) (*folder, error) {
	r, err := root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &folder{root: r}, nil
}

// read reads the file name in the folder within limit bytes.
func (d *folder) read(name string, limit int64) ([]byte, error) {
	return readLimited(d.root, name, limit)
}

func (d *folder) close() error { return d.root.Close() }
