// Package proc tells whether a process is still running, so that the
// temporary files and folders an interrupted sopctl left behind (their
// names carry the process id of their maker) can be removed once their
// maker is gone, and never while it is still at work.
package proc
