package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// SignalContext returns a context that is cancelled by the first SIGINT or
// SIGTERM, so that a command that is writing can stop and remove what it
// has not yet put in place (temporary files and folders) instead of dying
// mid-write. A second signal is not caught: it ends the process at once,
// as users expect of a second Ctrl-C.
func SignalContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // restore the default action for the next signal
	}()
	return ctx, stop
}
