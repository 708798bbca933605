package identity

import (
	"context"
	"errors"
	"io"
	"time"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// WatchOptions of Client.Watch.
type WatchOptions struct {
	// RevealValues asks for identifier values and card numbers unmasked
	// (the token needs the `reveal` grant: PERMISSION_DENIED otherwise).
	RevealValues bool
	// RetryDelay is the first wait before reconnecting after the stream ended
	// with UNAVAILABLE (a server shutting down, a lost connection); it
	// doubles up to a minute while reconnections fail. 0 takes one second.
	RetryDelay time.Duration
}

// Watcher follows the org's change feed (WatchEvents) event by event:
//
//	w := client.Watch(ctx, lastSeen, identity.WatchOptions{})
//	defer w.Close()
//	for w.Next() {
//		handle(w.Event())
//	}
//	if err := w.Err(); err != nil { ... }
//
// When the stream ends with UNAVAILABLE (the server restarts, the connection
// drops) it reconnects after the last event it delivered, so events come
// without gaps or repeats whichever replica answers. Persist LastSequence to
// resume after a restart of your own process. A Watcher is used by one
// goroutine; Close may be called from any.
type Watcher struct {
	events identityv1.EventServiceClient
	ctx    context.Context
	cancel context.CancelFunc
	opts   WatchOptions
	stream identityv1.EventService_WatchEventsClient
	last   int64
	event  *identityv1.Event
	err    error
}

// Watch starts following the feed after afterSequence (0: from the first
// event the feed still holds). Events come in Next; nothing is sent until
// the first call of Next.
func (c *Client) Watch(ctx context.Context, afterSequence int64, opts WatchOptions) *Watcher {
	return newWatcher(ctx, c.Events, afterSequence, opts)
}

func newWatcher(ctx context.Context, events identityv1.EventServiceClient, after int64, opts WatchOptions) *Watcher {
	if opts.RetryDelay <= 0 {
		opts.RetryDelay = time.Second
	}
	ctx, cancel := context.WithCancel(ctx)
	return &Watcher{events: events, ctx: ctx, cancel: cancel, opts: opts, last: after}
}

// Next waits for the next event and reports whether there is one. It is
// false once the watch ends: Close was called, the context ended (Err is
// nil then), or the server refused the watch (Err says why: EVENTS_EXPIRED
// when the feed no longer holds the events after LastSequence, SEQUENCE_AHEAD,
// PERMISSION_DENIED, RESOURCE_EXHAUSTED...).
func (w *Watcher) Next() bool {
	delay := w.opts.RetryDelay
	for w.err == nil {
		if w.stream == nil {
			stream, err := w.events.WatchEvents(w.ctx, &identityv1.WatchEventsRequest{
				AfterSequence: w.last,
				RevealValues:  w.opts.RevealValues,
			})
			if err != nil {
				if !w.retry(err, &delay) {
					return false
				}
				continue
			}
			w.stream = stream
		}
		response, err := w.stream.Recv()
		if err != nil {
			w.stream = nil
			if !w.retry(err, &delay) {
				return false
			}
			continue
		}
		event := response.GetEvent()
		if event.GetSequence() <= w.last {
			continue // never deliver an event twice, whatever a server sends
		}
		w.last, w.event, delay = event.GetSequence(), event, w.opts.RetryDelay
		return true
	}
	return false
}

// retry waits before reconnecting when err allows it; otherwise it records
// the end of the watch and returns false.
func (w *Watcher) retry(err error, delay *time.Duration) bool {
	if w.ctx.Err() != nil {
		w.err = errWatchEnded
		return false
	}
	if !errors.Is(err, io.EOF) && status.Code(err) != codes.Unavailable {
		w.err = err
		return false
	}
	timer := time.NewTimer(*delay)
	defer timer.Stop()
	select {
	case <-w.ctx.Done():
		w.err = errWatchEnded
		return false
	case <-timer.C:
	}
	if *delay *= 2; *delay > time.Minute {
		*delay = time.Minute
	}
	return true
}

var errWatchEnded = errors.New("watch ended")

// Event is the event Next moved to.
func (w *Watcher) Event() *identityv1.Event { return w.event }

// LastSequence is the sequence of the last event delivered (or the
// afterSequence Watch started from): watch again after it to resume.
func (w *Watcher) LastSequence() int64 { return w.last }

// Err is why Next returned false: nil after Close or the end of the context.
func (w *Watcher) Err() error {
	if errors.Is(w.err, errWatchEnded) {
		return nil
	}
	return w.err
}

// Close ends the watch; Next returns false from then on.
func (w *Watcher) Close() { w.cancel() }
