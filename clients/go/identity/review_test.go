package identity_test

// Merge governance (MergeReviewService) against the live server of
// client_test.go. Changing the policy and deciding candidates needs a token
// with the `review` grant: LOYALTY_IDENTITY_REVIEW_TOKEN, of the same org as
// LOYALTY_IDENTITY_TOKEN.

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	identityv1 "github.com/loyalty-identity/loyalty-identity/clients/go/gen/loyalty/identity/v1"
	"github.com/loyalty-identity/loyalty-identity/clients/go/identity"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

const (
	mobileType = identityv1.IdentifierType_IDENTIFIER_TYPE_MOBILE
	pending    = identityv1.MergeCandidateState_MERGE_CANDIDATE_STATE_PENDING
)

// reviewMobiles sets the org's policy to MOBILE in MERGE_MODE_REVIEW and puts
// the default policy back when the test ends: the org is shared by every test
// of the run.
func reviewMobiles(t *testing.T, reviewer *identity.Client) {
	t.Helper()
	policy := &identityv1.MergePolicy{Rules: []*identityv1.TypeRule{
		{Type: mobileType, Mode: identityv1.MergeMode_MERGE_MODE_REVIEW},
	}}
	set, err := reviewer.Review.UpdateMergePolicy(ctx(t), &identityv1.UpdateMergePolicyRequest{Policy: policy})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.GetRules()) != 1 || set.GetRules()[0].GetMode() != identityv1.MergeMode_MERGE_MODE_REVIEW {
		t.Fatalf("policy set to %v", set)
	}
	t.Cleanup(func() {
		c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		reset, err := reviewer.Review.UpdateMergePolicy(c, &identityv1.UpdateMergePolicyRequest{Policy: &identityv1.MergePolicy{}})
		if err != nil || len(reset.GetRules()) != 0 || reset.GetMaxMergedCustomers() != 0 {
			t.Errorf("resetting the merge policy: %v, %v", reset, err)
		}
	})
}

// sentToReview adds the mobile number another customer holds in store to a
// Tmall customer: refused with MERGE_NEEDS_REVIEW, a candidate recorded.
func sentToReview(t *testing.T, c *identity.Client) (holder, other *identityv1.Customer, add *identityv1.UpdateIdentifiersRequest, candidate string) {
	t.Helper()
	phone := mobile()
	holder = create(t, c, identityv1.Source_SOURCE_INSTORE, "", ident(mobileType, phone))
	other = create(t, c, identityv1.Source_SOURCE_TMALL, "", ident(identityv1.IdentifierType_IDENTIFIER_TYPE_TMALL_UNAME, "go-review-"+phone))
	add = &identityv1.UpdateIdentifiersRequest{
		Customer: other.GetName(),
		Source:   identityv1.Source_SOURCE_TMALL,
		Add:      []*identityv1.Identifier{ident(mobileType, phone)},
	}
	_, err := c.Identifiers.UpdateIdentifiers(ctx(t), add)
	candidate, ok := identity.NeedsReview(err)
	var e *identity.Error
	if !ok || !errors.Is(err, identity.MergeNeedsReview) || !errors.As(err, &e) || status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("want FAILED_PRECONDITION MERGE_NEEDS_REVIEW, got %v", err)
	}
	if !strings.HasPrefix(candidate, "mergeCandidates/") || e.Metadata["survivor"] != holder.GetName() ||
		e.Metadata["review_reason"] != "TYPE_POLICY" {
		t.Fatalf("candidate %q, metadata %v", candidate, e.Metadata)
	}
	return holder, other, add, candidate
}

func TestMergeReviewAcceptAndReject(t *testing.T) {
	c := dial(t, env(t, "LOYALTY_IDENTITY_TOKEN"))
	reviewer := dial(t, env(t, "LOYALTY_IDENTITY_REVIEW_TOKEN"))

	// Any token of the org reads the policy; changing it needs the review grant.
	if _, err := c.Review.GetMergePolicy(ctx(t), &identityv1.GetMergePolicyRequest{}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Review.UpdateMergePolicy(ctx(t), &identityv1.UpdateMergePolicyRequest{Policy: &identityv1.MergePolicy{}})
	if !errors.Is(err, identity.PermissionDenied) {
		t.Fatalf("UpdateMergePolicy without the review grant: %v, want PERMISSION_DENIED", err)
	}
	reviewMobiles(t, reviewer)
	if got, err := c.Review.GetMergePolicy(ctx(t), &identityv1.GetMergePolicyRequest{}); err != nil || len(got.GetRules()) != 1 {
		t.Fatalf("GetMergePolicy = %v, %v", got, err)
	}

	// A merge by mobile is left to a person: the candidate is PENDING, the two stay apart.
	holder, other, add, name := sentToReview(t, c)
	candidate, err := c.Review.GetMergeCandidate(ctx(t), &identityv1.GetMergeCandidateRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if candidate.GetState() != pending || candidate.GetReason() != identityv1.ReviewReason_REVIEW_REASON_TYPE_POLICY ||
		candidate.GetVictim() != other.GetName() || candidate.GetSurvivor() != holder.GetName() ||
		candidate.GetTriggerSource() != identityv1.Source_SOURCE_TMALL ||
		candidate.GetTrigger().GetValue() != add.GetAdd()[0].GetValue() ||
		candidate.GetUpdateIdentifiers().GetCustomer() != other.GetName() ||
		candidate.GetCreateTime() == nil || candidate.GetResolveTime() != nil || candidate.GetMerge() != "" {
		t.Fatalf("candidate %v", candidate)
	}
	listed, err := c.Review.ListMergeCandidates(ctx(t), &identityv1.ListMergeCandidatesRequest{State: pending, Customer: holder.GetName()})
	if err != nil || len(listed.GetMergeCandidates()) != 1 || listed.GetMergeCandidates()[0].GetName() != name {
		t.Fatalf("ListMergeCandidates(%s) = %v, %v", holder.GetName(), listed, err)
	}
	// The same request again reuses the pending candidate; a dry run records none.
	_, err = c.Identifiers.UpdateIdentifiers(ctx(t), add)
	if again, ok := identity.NeedsReview(err); !ok || again != name {
		t.Fatalf("repeat: candidate %q (%v), want %s", again, err, name)
	}
	dry := &identityv1.UpdateIdentifiersRequest{Customer: add.GetCustomer(), Source: add.GetSource(), Add: add.GetAdd(), ValidateOnly: true}
	_, err = c.Identifiers.UpdateIdentifiers(ctx(t), dry)
	if none, ok := identity.NeedsReview(err); !ok || none != "" {
		t.Fatalf("dry run: candidate %q (%v), want MERGE_NEEDS_REVIEW with none", none, err)
	}

	// Accepting needs the review grant, then makes the merge.
	_, err = c.Review.AcceptMergeCandidate(ctx(t), &identityv1.AcceptMergeCandidateRequest{Name: name})
	if !errors.Is(err, identity.PermissionDenied) {
		t.Fatalf("AcceptMergeCandidate without the review grant: %v", err)
	}
	accepted, err := reviewer.Review.AcceptMergeCandidate(ctx(t), &identityv1.AcceptMergeCandidateRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	merge := accepted.GetMerge()
	if accepted.GetMergeCandidate().GetState() != identityv1.MergeCandidateState_MERGE_CANDIDATE_STATE_ACCEPTED ||
		accepted.GetMergeCandidate().GetResolveTime() == nil || merge.GetName() == "" ||
		accepted.GetMergeCandidate().GetMerge() != merge.GetName() ||
		merge.GetVictim() != other.GetName() || merge.GetSurvivor() != holder.GetName() ||
		accepted.GetCustomer().GetName() != holder.GetName() {
		t.Fatalf("accepted %v", accepted)
	}
	read, err := c.Identifiers.GetCustomer(ctx(t), &identityv1.GetCustomerRequest{Name: other.GetName()})
	if err != nil || read.GetCustomer().GetName() != holder.GetName() {
		t.Fatalf("GetCustomer(victim) = %v, %v; want the survivor %s", read, err, holder.GetName())
	}
	_, err = reviewer.Review.AcceptMergeCandidate(ctx(t), &identityv1.AcceptMergeCandidateRequest{Name: name})
	if !errors.Is(err, identity.CandidateNotPending) || status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("accepting twice: %v, want CANDIDATE_NOT_PENDING", err)
	}

	// A second pair, rejected: the two are not one person, and the add now answers MERGE_BLOCKED.
	holder, other, add, name = sentToReview(t, c)
	rejected, err := reviewer.Review.RejectMergeCandidate(ctx(t), &identityv1.RejectMergeCandidateRequest{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if rejected.GetState() != identityv1.MergeCandidateState_MERGE_CANDIDATE_STATE_REJECTED ||
		rejected.GetResolveTime() == nil || rejected.GetMerge() != "" {
		t.Fatalf("rejected %v", rejected)
	}
	_, err = c.Identifiers.UpdateIdentifiers(ctx(t), add)
	if _, ok := identity.NeedsReview(err); ok || !errors.Is(err, identity.MergeBlocked) || status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("the add after a rejection: %v, want MERGE_BLOCKED", err)
	}
	read, err = c.Identifiers.GetCustomer(ctx(t), &identityv1.GetCustomerRequest{Name: other.GetName()})
	if err != nil || read.GetCustomer().GetName() != other.GetName() {
		t.Fatalf("GetCustomer(%s) = %v, %v; want it unmerged from %s", other.GetName(), read, err, holder.GetName())
	}
	_, err = reviewer.Review.RejectMergeCandidate(ctx(t), &identityv1.RejectMergeCandidateRequest{Name: name})
	if !errors.Is(err, identity.CandidateNotPending) {
		t.Fatalf("rejecting twice: %v, want CANDIDATE_NOT_PENDING", err)
	}
	missing := "mergeCandidates/00000000-0000-4000-8000-000000000000"
	_, err = c.Review.GetMergeCandidate(ctx(t), &identityv1.GetMergeCandidateRequest{Name: missing})
	if !errors.Is(err, identity.CandidateNotFound) || status.Code(err) != codes.NotFound {
		t.Fatalf("GetMergeCandidate(%s): %v, want CANDIDATE_NOT_FOUND", missing, err)
	}
}

func TestNeedsReviewIsForMergeNeedsReviewOnly(t *testing.T) {
	for _, err := range []error{
		nil,
		errors.New("not grpc"),
		status.Error(codes.FailedPrecondition, "no details"),
		&identity.Error{Code: codes.FailedPrecondition, Reason: identity.MergeBlocked},
	} {
		if candidate, ok := identity.NeedsReview(err); ok || candidate != "" {
			t.Fatalf("NeedsReview(%v) = %q, %v", err, candidate, ok)
		}
	}
	e := &identity.Error{Code: codes.FailedPrecondition, Reason: identity.MergeNeedsReview, Metadata: map[string]string{
		"candidate": "mergeCandidates/x", "survivor": "customers/y",
	}}
	if candidate, ok := identity.NeedsReview(e); !ok || candidate != "mergeCandidates/x" {
		t.Fatalf("NeedsReview = %q, %v", candidate, ok)
	}
}
