package identity

import (
	"fmt"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
)

// Domain is the ErrorInfo.domain of every error of the service.
const Domain = "loyalty.identity.v1"

// Reason is an ErrorInfo.reason of the service. A Reason is an error, so that
//
//	errors.Is(err, identity.IdentifierTaken)
//
// tells whether a call failed for that reason. Branch on reasons, never on
// messages.
type Reason string

func (r Reason) Error() string { return string(r) }

// The reasons the service sends (docs/RULES.md section 4 and docs/DECISIONS.md).
const (
	InvalidIdentifier        Reason = "INVALID_IDENTIFIER"
	BlockedValue             Reason = "BLOCKED_VALUE"
	AccountIDRequired        Reason = "ACCOUNT_ID_REQUIRED"
	AccountIDNotAllowed      Reason = "ACCOUNT_ID_NOT_ALLOWED"
	InvalidArgument          Reason = "INVALID_ARGUMENT"
	SameCustomer             Reason = "SAME_CUSTOMER"
	CardSeriesMismatch       Reason = "CARD_SERIES_MISMATCH"
	CardNumberFormat         Reason = "CARD_NUMBER_FORMAT"
	CustomerNotFound         Reason = "CUSTOMER_NOT_FOUND"
	IdentifierNotFound       Reason = "IDENTIFIER_NOT_FOUND"
	CardNotFound             Reason = "CARD_NOT_FOUND"
	CardSeriesNotFound       Reason = "CARD_SERIES_NOT_FOUND"
	StatusLabelNotFound      Reason = "STATUS_LABEL_NOT_FOUND"
	IdentifierTaken          Reason = "IDENTIFIER_TAKEN"
	CardNumberTaken          Reason = "CARD_NUMBER_TAKEN"
	CardSeriesCodeTaken      Reason = "CARD_SERIES_CODE_TAKEN"
	StatusLabelTaken         Reason = "STATUS_LABEL_TAKEN"
	CustomerMerged           Reason = "CUSTOMER_MERGED"
	CustomerErased           Reason = "CUSTOMER_ERASED"
	IdentifierTypeAlreadySet Reason = "IDENTIFIER_TYPE_ALREADY_SET"
	AmbiguousMerge           Reason = "AMBIGUOUS_MERGE"
	ProfileConflict          Reason = "PROFILE_CONFLICT"
	LastIdentifier           Reason = "LAST_IDENTIFIER"
	CardAlreadyLinked        Reason = "CARD_ALREADY_LINKED"
	CardLimitExceeded        Reason = "CARD_LIMIT_EXCEEDED"
	InvalidStatusTransition  Reason = "INVALID_STATUS_TRANSITION"
	RequestIDReused          Reason = "REQUEST_ID_REUSED"
	CardNotLinked            Reason = "CARD_NOT_LINKED"
	SeriesExhausted          Reason = "SERIES_EXHAUSTED"
	MergeNotFound            Reason = "MERGE_NOT_FOUND"
	UnmergeConflict          Reason = "UNMERGE_CONFLICT"
	MergeBlocked             Reason = "MERGE_BLOCKED"
	MergeNeedsReview         Reason = "MERGE_NEEDS_REVIEW"
	IdentifierSuppressed     Reason = "IDENTIFIER_SUPPRESSED"
	SuppressionKeyMissing    Reason = "SUPPRESSION_KEY_MISSING"
	SuppressionNotFound      Reason = "SUPPRESSION_NOT_FOUND"
	CandidateNotFound        Reason = "CANDIDATE_NOT_FOUND"
	CandidateNotPending      Reason = "CANDIDATE_NOT_PENDING"
	CandidateOutdated        Reason = "CANDIDATE_OUTDATED"
	EventsExpired            Reason = "EVENTS_EXPIRED"
	SequenceAhead            Reason = "SEQUENCE_AHEAD"
	PermissionDenied         Reason = "PERMISSION_DENIED"
	Unauthenticated          Reason = "UNAUTHENTICATED"
	Unavailable              Reason = "UNAVAILABLE"
	DatabaseUnavailable      Reason = "DATABASE_UNAVAILABLE"
	ConcurrencyConflict      Reason = "CONCURRENCY_CONFLICT"
	ResourceExhausted        Reason = "RESOURCE_EXHAUSTED"
	DeadlineExceeded         Reason = "DEADLINE_EXCEEDED"
	Internal                 Reason = "INTERNAL"
)

// Error is a failed call, with the google.rpc details the server sent in
// the grpc-status-details-bin trailer.
type Error struct {
	// Code is the gRPC status code (codes.AlreadyExists for IDENTIFIER_TAKEN...).
	Code codes.Code
	// Message is for people: never branch on it.
	Message string
	// Reason, Domain and Metadata are the ErrorInfo's; Reason is empty when the
	// failure did not come from the service (a connection refused, a deadline
	// that passed on the client).
	Reason   Reason
	Domain   string
	Metadata map[string]string
	// FieldViolations are the BadRequest's, on INVALID_ARGUMENT: which field of
	// the request was wrong (`profiles[0].identifiers[0].value`), and why.
	FieldViolations []FieldViolation
	// Resource is the ResourceInfo, on NOT_FOUND: what was looked for.
	Resource *ResourceInfo
	status   *status.Status
}

// FieldViolation is one google.rpc.BadRequest.FieldViolation.
type FieldViolation struct {
	Field       string
	Description string
	// Reason is the ErrorInfo reason of this violation (INVALID_IDENTIFIER...).
	Reason Reason
}

// ResourceInfo is a google.rpc.ResourceInfo.
type ResourceInfo struct {
	ResourceType string
	ResourceName string
	Owner        string
	Description  string
}

func (e *Error) Error() string {
	if e.Reason == "" {
		return fmt.Sprintf("rpc error: code = %s desc = %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s (%s): %s", e.Reason, e.Code, e.Message)
}

// Is makes errors.Is(err, identity.IdentifierTaken) true for an error of that reason.
func (e *Error) Is(target error) bool {
	reason, ok := target.(Reason)
	return ok && reason == e.Reason
}

// GRPCStatus keeps status.Code(err) and status.FromError(err) working.
func (e *Error) GRPCStatus() *status.Status { return e.status }

// FromError reads the service error out of err (what any client of the
// service returns, the generated ones included). ok is false when err is nil
// or carries no gRPC status.
func FromError(err error) (e *Error, ok bool) {
	if err == nil {
		return nil, false
	}
	if e, ok := err.(*Error); ok {
		return e, true
	}
	st, ok := status.FromError(err)
	if !ok {
		return nil, false
	}
	return parseStatus(st), true
}

// wrap turns a call's error into an *Error (nil stays nil; non-gRPC errors stay as they are).
func wrap(err error) error {
	if e, ok := FromError(err); ok {
		return e
	}
	return err
}

const typePrefix = "type.googleapis.com/"

// parseStatus decodes the details the service sends.
//
// They are read from the wire with protowire rather than through genproto's
// errdetails types on purpose: Debian's genproto (2020) predates
// BadRequest.FieldViolation.reason and would drop it, and generating our own
// copy of google/rpc/error_details.proto would register google.rpc.ErrorInfo
// twice in any program that also links genproto (a panic at start-up). The
// field numbers are those of third_party/googleapis/google/rpc/error_details.proto;
// unknown fields and detail types are skipped.
func parseStatus(st *status.Status) *Error {
	e := &Error{Code: st.Code(), Message: st.Message(), status: st}
	for _, detail := range st.Proto().GetDetails() {
		var err error
		switch strings.TrimPrefix(detail.GetTypeUrl(), typePrefix) {
		case "google.rpc.ErrorInfo":
			err = e.readErrorInfo(detail.GetValue())
		case "google.rpc.BadRequest":
			err = e.readBadRequest(detail.GetValue())
		case "google.rpc.ResourceInfo":
			e.Resource = &ResourceInfo{}
			err = readResourceInfo(detail.GetValue(), e.Resource)
		}
		if err != nil {
			e.Message += fmt.Sprintf(" (undecodable %s: %v)", detail.GetTypeUrl(), err)
		}
	}
	return e
}

func (e *Error) readErrorInfo(b []byte) error {
	return eachField(b, func(num protowire.Number, value []byte) error {
		switch num {
		case 1:
			e.Reason = Reason(value)
		case 2:
			e.Domain = string(value)
		case 3:
			var key, val string
			if err := eachField(value, func(num protowire.Number, v []byte) error {
				switch num {
				case 1:
					key = string(v)
				case 2:
					val = string(v)
				}
				return nil
			}); err != nil {
				return err
			}
			if e.Metadata == nil {
				e.Metadata = map[string]string{}
			}
			e.Metadata[key] = val
		}
		return nil
	})
}

func (e *Error) readBadRequest(b []byte) error {
	return eachField(b, func(num protowire.Number, value []byte) error {
		if num != 1 {
			return nil
		}
		var v FieldViolation
		if err := eachField(value, func(num protowire.Number, value []byte) error {
			switch num {
			case 1:
				v.Field = string(value)
			case 2:
				v.Description = string(value)
			case 3:
				v.Reason = Reason(value)
			}
			return nil
		}); err != nil {
			return err
		}
		e.FieldViolations = append(e.FieldViolations, v)
		return nil
	})
}

func readResourceInfo(b []byte, r *ResourceInfo) error {
	return eachField(b, func(num protowire.Number, value []byte) error {
		switch num {
		case 1:
			r.ResourceType = string(value)
		case 2:
			r.ResourceName = string(value)
		case 3:
			r.Owner = string(value)
		case 4:
			r.Description = string(value)
		}
		return nil
	})
}

// eachField calls fn with the number and bytes of every length-delimited
// field of a message (strings, nested messages and map entries are all
// length-delimited); fields of other wire types are skipped.
func eachField(b []byte, fn func(protowire.Number, []byte) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if typ != protowire.BytesType {
			n = protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			continue
		}
		value, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if err := fn(num, value); err != nil {
			return err
		}
	}
	return nil
}
