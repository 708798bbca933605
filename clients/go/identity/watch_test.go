package identity

// The Watcher and the error decoding against an in-process fake of the
// EventService: a stream cut with UNAVAILABLE is resumed after the last
// event delivered, and a refusal ends the watch with its reason.

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"

	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/types/known/anypb"
)

// fakeFeed serves WatchEvents from a script: one function per call.
type fakeFeed struct {
	identityv1.UnimplementedEventServiceServer
	mu     sync.Mutex
	afters []int64
	calls  []func(*identityv1.WatchEventsRequest, identityv1.EventService_WatchEventsServer) error
}

func (f *fakeFeed) WatchEvents(req *identityv1.WatchEventsRequest, stream identityv1.EventService_WatchEventsServer) error {
	f.mu.Lock()
	call := len(f.afters)
	f.afters = append(f.afters, req.GetAfterSequence())
	f.mu.Unlock()
	if call >= len(f.calls) {
		<-stream.Context().Done()
		return stream.Context().Err()
	}
	return f.calls[call](req, stream)
}

func send(stream identityv1.EventService_WatchEventsServer, sequences ...int64) error {
	for _, sequence := range sequences {
		if err := stream.Send(&identityv1.WatchEventsResponse{Event: &identityv1.Event{Sequence: sequence}}); err != nil {
			return err
		}
	}
	return nil
}

func serve(t *testing.T, feed *fakeFeed) *Client {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	identityv1.RegisterEventServiceServer(server, feed)
	go server.Serve(listener) //nolint:errcheck // ends with Stop
	t.Cleanup(server.Stop)
	client, err := Dial(context.Background(), listener.Addr().String(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func TestWatchResumesAfterTheLastEventWhenTheStreamIsCut(t *testing.T) {
	feed := &fakeFeed{calls: []func(*identityv1.WatchEventsRequest, identityv1.EventService_WatchEventsServer) error{
		func(_ *identityv1.WatchEventsRequest, s identityv1.EventService_WatchEventsServer) error {
			if err := send(s, 1, 2); err != nil {
				return err
			}
			return status.Error(codes.Unavailable, "server shutting down after sequence 2")
		},
		func(_ *identityv1.WatchEventsRequest, s identityv1.EventService_WatchEventsServer) error {
			if err := send(s, 2, 3); err != nil { // 2 again: the watcher must not repeat it
				return err
			}
			<-s.Context().Done()
			return nil
		},
	}}
	client := serve(t, feed)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	w := client.Watch(ctx, 0, WatchOptions{RetryDelay: 10 * time.Millisecond})
	var got []int64
	for len(got) < 3 && w.Next() {
		got = append(got, w.Event().GetSequence())
	}
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 || w.LastSequence() != 3 {
		t.Fatalf("events %v, last %d", got, w.LastSequence())
	}
	feed.mu.Lock()
	afters := append([]int64(nil), feed.afters...)
	feed.mu.Unlock()
	if len(afters) != 2 || afters[0] != 0 || afters[1] != 2 {
		t.Fatalf("WatchEvents called with after_sequence %v, want [0 2]", afters)
	}
	w.Close()
	if w.Next() || w.Err() != nil {
		t.Fatalf("after Close: %v", w.Err())
	}
}

// errorInfo is a google.rpc.ErrorInfo as the server sends it, encoded by hand.
func errorInfo(reason string, metadata map[string]string) *anypb.Any {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, reason)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendString(b, Domain)
	for key, value := range metadata {
		var entry []byte
		entry = protowire.AppendTag(entry, 1, protowire.BytesType)
		entry = protowire.AppendString(entry, key)
		entry = protowire.AppendTag(entry, 2, protowire.BytesType)
		entry = protowire.AppendString(entry, value)
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, entry)
	}
	return &anypb.Any{TypeUrl: typePrefix + "google.rpc.ErrorInfo", Value: b}
}

func TestWatchEndsWithTheRefusalsReason(t *testing.T) {
	expired := status.FromProto(&spb.Status{
		Code:    int32(codes.OutOfRange),
		Message: "the feed no longer holds events after 0",
		Details: []*anypb.Any{errorInfo("EVENTS_EXPIRED", map[string]string{"first_sequence": "41"})},
	})
	feed := &fakeFeed{calls: []func(*identityv1.WatchEventsRequest, identityv1.EventService_WatchEventsServer) error{
		func(*identityv1.WatchEventsRequest, identityv1.EventService_WatchEventsServer) error {
			return expired.Err()
		},
	}}
	w := serve(t, feed).Watch(context.Background(), 0, WatchOptions{RetryDelay: time.Millisecond})
	defer w.Close()
	if w.Next() {
		t.Fatal("no event expected")
	}
	var e *Error
	if !errors.Is(w.Err(), EventsExpired) || !errors.As(w.Err(), &e) || e.Metadata["first_sequence"] != "41" {
		t.Fatalf("want EVENTS_EXPIRED with first_sequence, got %v", w.Err())
	}
	if status.Code(w.Err()) != codes.OutOfRange {
		t.Fatalf("status.Code of the wrapped error: %v", status.Code(w.Err()))
	}
}

func TestDecodesFieldViolationReasonsAndSkipsTheUnknown(t *testing.T) {
	violation := func(field, reason string) []byte {
		var v []byte
		v = protowire.AppendTag(v, 1, protowire.BytesType)
		v = protowire.AppendString(v, field)
		v = protowire.AppendTag(v, 2, protowire.BytesType)
		v = protowire.AppendString(v, "must be an email address")
		v = protowire.AppendTag(v, 3, protowire.BytesType) // reason: absent from Debian's genproto (2020)
		v = protowire.AppendString(v, reason)
		v = protowire.AppendTag(v, 9, protowire.VarintType) // a field of a later googleapis: skipped
		v = protowire.AppendVarint(v, 7)
		return v
	}
	var badRequest []byte
	for _, field := range []string{"profiles[0].identifiers[0].value", "profiles[1].source"} {
		badRequest = protowire.AppendTag(badRequest, 1, protowire.BytesType)
		badRequest = protowire.AppendBytes(badRequest, violation(field, "INVALID_IDENTIFIER"))
	}
	st := status.FromProto(&spb.Status{
		Code:    int32(codes.InvalidArgument),
		Message: "profiles[0].identifiers[0].value: not an email address",
		Details: []*anypb.Any{
			errorInfo("INVALID_IDENTIFIER", nil),
			{TypeUrl: typePrefix + "google.rpc.BadRequest", Value: badRequest},
			{TypeUrl: typePrefix + "google.rpc.DebugInfo", Value: []byte{0xff}}, // not read
		},
	})
	e, ok := FromError(st.Err())
	if !ok || e.Reason != InvalidIdentifier || len(e.FieldViolations) != 2 {
		t.Fatalf("%+v", e)
	}
	if v := e.FieldViolations[1]; v.Field != "profiles[1].source" || v.Reason != InvalidIdentifier || v.Description == "" {
		t.Fatalf("%+v", v)
	}
	if !strings.HasPrefix(e.Error(), "INVALID_IDENTIFIER (InvalidArgument): ") {
		t.Fatal(e.Error())
	}

	broken := status.FromProto(&spb.Status{
		Code:    int32(codes.Internal),
		Details: []*anypb.Any{{TypeUrl: typePrefix + "google.rpc.ErrorInfo", Value: []byte{0x0a, 0x05, 'a'}}},
	})
	if e, _ := FromError(broken.Err()); !strings.Contains(e.Message, "undecodable") {
		t.Fatalf("a truncated detail is reported, got %q", e.Message)
	}
	if _, ok := FromError(errors.New("not grpc")); ok {
		t.Fatal("FromError of a plain error")
	}
}
