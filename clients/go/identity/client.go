// Package identity is a small Go client of the loyalty-identity gRPC service.
//
// Dial opens one connection and returns the generated clients of the four
// services (package identityv1, generated from the repository's protos into
// ../gen) plus the standard health client. Every call made through it fails
// with an *Error: the gRPC code, the ErrorInfo reason and metadata, and the
// BadRequest field violations the server sends, so that
//
//	errors.Is(err, identity.IdentifierTaken)
//
// asks why a call failed, and errors.As(err, &e) gives the details.
// status.Code(err) and status.FromError(err) keep working on those errors.
// Watch follows the change feed and reconnects after the last event it
// delivered. NeedsReview reads the merge candidate a MERGE_NEEDS_REVIEW
// refusal recorded (MergeReviewService, through Client.Review).
package identity

import (
	"context"
	"crypto/tls"
	"errors"
	"io"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// Options of Dial. The zero value dials in plaintext without a token: a
// server on loopback with no tokens file (calls act as org `default`).
type Options struct {
	// Token is sent on every call as `authorization: Bearer TOKEN`. Empty
	// sends no authorization header (a server without a tokens file refuses
	// calls that send one).
	Token string
	// TLS secures the connection when set; add Certificates for a server
	// that asks for client certificates (mutual TLS). Nil dials in plaintext,
	// which only makes sense on loopback: the token would travel in clear.
	TLS *tls.Config
	// DialOptions are appended to the client's own (keepalive, extra
	// interceptors, a custom dialer...).
	DialOptions []grpc.DialOption
}

// Client holds one connection to the service and a client of each of its
// services. It is safe for concurrent use; Close it when done.
type Client struct {
	Identifiers identityv1.IdentifierServiceClient
	Cards       identityv1.CardServiceClient
	Events      identityv1.EventServiceClient
	// Review is the org's merge policy and the merge candidates it leaves to
	// people (MergeReviewService). Reads take any token of the org;
	// UpdateMergePolicy, AcceptMergeCandidate and RejectMergeCandidate need a
	// token with the `review` grant (PermissionDenied otherwise).
	Review identityv1.MergeReviewServiceClient
	Health healthpb.HealthClient
	conn   *grpc.ClientConn
}

// Dial connects to the service at address (HOST:PORT). It does not wait for
// the connection: the first call does, within its own deadline.
func Dial(ctx context.Context, address string, opts Options) (*Client, error) {
	dialOptions := []grpc.DialOption{
		grpc.WithUnaryInterceptor(unaryErrors),
		grpc.WithStreamInterceptor(streamErrors),
	}
	if opts.TLS != nil {
		dialOptions = append(dialOptions, grpc.WithTransportCredentials(credentials.NewTLS(opts.TLS)))
	} else {
		// grpc.WithInsecure: the one plaintext option of every grpc-go since 1.0
		// (credentials/insecure arrived in 1.34, after Debian's 1.33).
		dialOptions = append(dialOptions, grpc.WithInsecure())
	}
	if opts.Token != "" {
		dialOptions = append(dialOptions, grpc.WithPerRPCCredentials(bearer{opts.Token, opts.TLS != nil}))
	}
	dialOptions = append(dialOptions, opts.DialOptions...)
	conn, err := grpc.DialContext(ctx, address, dialOptions...)
	if err != nil {
		return nil, err
	}
	return &Client{
		Identifiers: identityv1.NewIdentifierServiceClient(conn),
		Cards:       identityv1.NewCardServiceClient(conn),
		Events:      identityv1.NewEventServiceClient(conn),
		Review:      identityv1.NewMergeReviewServiceClient(conn),
		Health:      healthpb.NewHealthClient(conn),
		conn:        conn,
	}, nil
}

// Conn is the underlying connection, for other clients on the same channel
// (server reflection, for example).
func (c *Client) Conn() *grpc.ClientConn { return c.conn }

// Close closes the connection; calls in flight fail with CANCELED.
func (c *Client) Close() error { return c.conn.Close() }

// bearer sends the token of Options.Token with every call.
type bearer struct {
	token  string
	secure bool
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

// RequireTransportSecurity is false in plaintext so that a token reaches a
// loopback server without TLS; Dial's documentation says what that costs.
func (b bearer) RequireTransportSecurity() bool { return b.secure }

func unaryErrors(
	ctx context.Context, method string, req, reply interface{}, cc *grpc.ClientConn,
	invoker grpc.UnaryInvoker, opts ...grpc.CallOption,
) error {
	return wrap(invoker(ctx, method, req, reply, cc, opts...))
}

func streamErrors(
	ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string,
	streamer grpc.Streamer, opts ...grpc.CallOption,
) (grpc.ClientStream, error) {
	stream, err := streamer(ctx, desc, cc, method, opts...)
	if err != nil {
		return nil, wrap(err)
	}
	return wrappedStream{stream}, nil
}

type wrappedStream struct{ grpc.ClientStream }

func (s wrappedStream) RecvMsg(m interface{}) error {
	err := s.ClientStream.RecvMsg(m)
	if errors.Is(err, io.EOF) {
		return err // the normal end of a stream, never wrapped
	}
	return wrap(err)
}
