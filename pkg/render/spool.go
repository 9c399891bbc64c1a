package render

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// Spooler is an Output that can give a writer a scratch file inside the
// output, for what it makes early and needs again only at the end (the
// SOPs' sections of the printable handbooks, their search words), so that it is not held in
// memory meanwhile. A Stage is one.
type Spooler interface {
	Spool() (*Spool, error)
}

// spoolFile is the scratch file's name in the staging folder, which Close
// removes before the swap, and the end of TempSpool's beside the output.
const spoolFile = ".sopctl-spool"

// Spool is an append-only scratch file: Append writes bytes and says
// where they lie; Read reads them back, from any goroutine.
type Spool struct {
	mu     sync.Mutex
	f      *os.File
	size   int64
	remove func() error
}

// Span is where Append put bytes in a Spool.
type Span struct {
	Off int64
	Len int
}

// Spool creates the scratch file in the staging folder.
func (s *Stage) Spool() (*Spool, error) {
	name := path.Join(s.tmp, spoolFile)
	f, err := s.root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	return &Spool{f: f, remove: func() error { return s.root.Remove(name) }}, nil
}

// TempSpool creates a spool beside the output folder out, named after it
// (.NAME.sopctl-spool-…, which sopctl init's .gitignore leaves out), for
// what is made before the Stage exists (the bodies converted as the
// library loads, Sources): where the Stage's folder will be, on disk, not
// in memory (unlike a tmpfs /tmp). Its file is removed at once where the
// system allows (the open spool lives on, nameless, and is gone even if
// sopctl is killed), else by Close.
func TempSpool(out string) (*Spool, error) {
	f, err := os.CreateTemp(filepath.Dir(out), "."+siblingTag(filepath.Base(out))+spoolFile+"-*")
	if err != nil {
		return nil, err
	}
	remove := func() error { return nil }
	if name := f.Name(); os.Remove(name) != nil {
		remove = func() error { return os.Remove(name) }
	}
	return &Spool{f: f, remove: remove}, nil
}

// Append writes b at the end of the spool.
func (sp *Spool) Append(b []byte) (Span, error) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	n, err := sp.f.WriteAt(b, sp.size)
	span := Span{Off: sp.size, Len: n}
	sp.size += int64(n)
	return span, err
}

// Read returns the bytes Append put at span.
func (sp *Spool) Read(span Span) ([]byte, error) { return sp.ReadInto(nil, span) }

// ReadInto is Read into buf's array when it has room, for a caller that
// reads many spans one after the other (one an SOP: 100,000 arrays the
// collector would otherwise take back).
func (sp *Spool) ReadInto(buf []byte, span Span) ([]byte, error) {
	b := buf[:0]
	if cap(b) < span.Len {
		b = make([]byte, span.Len)
	}
	b = b[:span.Len]
	_, err := sp.f.ReadAt(b, span.Off)
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return b, err
}

// Close closes and removes the scratch file.
func (sp *Spool) Close() error {
	return errors.Join(sp.f.Close(), sp.remove())
}

// Streamer is an Output that can write a file as it is made rather than
// take it whole, for the files that would be the largest in memory (the
// printable handbooks). A Stage is one.
type Streamer interface {
	// Stream writes the file name with what write writes, recording key
	// in the manifest as WriteKeyed does (none when key is ""). A file
	// write fails is left in the staging folder, which the failed render
	// removes.
	Stream(name, key string, write func(io.Writer) error) error
}

// Stream writes the file name of out with what write writes: straight to
// its file when out is a Streamer, else made in memory and written with
// key (WriteKeyed; WriteFile when key is "").
func Stream(out Output, name, key string, write func(io.Writer) error) error {
	if s, ok := out.(Streamer); ok {
		return s.Stream(name, key, write)
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	if key == "" {
		return out.WriteFile(name, b.Bytes())
	}
	return WriteKeyed(out, name, key, b.Bytes())
}

// Stream writes one file of the bundle (Stage is a Streamer) through a
// buffer of streamBuffer bytes.
func (s *Stage) Stream(name, key string, write func(io.Writer) error) error {
	f, err := s.create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, streamBuffer)
	err = write(bw)
	if err = errors.Join(err, bw.Flush(), f.Close()); err != nil {
		return err
	}
	s.written.Add(1)
	if key != "" {
		s.mu.Lock()
		s.keys[name] = key
		s.mu.Unlock()
	}
	return nil
}

const streamBuffer = 64 << 10
