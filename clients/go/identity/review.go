package identity

// NeedsReview tells whether err is a MERGE_NEEDS_REVIEW refusal (the org's
// merge policy leaves the merge to a person: FAILED_PRECONDITION) and gives
// the name of the merge candidate it recorded, `mergeCandidates/{id}`, for
// Review.GetMergeCandidate, AcceptMergeCandidate or RejectMergeCandidate.
// candidate is empty for a validate_only call, which records nothing. The
// error's Metadata also holds `survivor`, `review_reason` (TYPE_POLICY or
// MERGE_LIMIT) and, for MERGE_LIMIT, `limit`.
//
//	if candidate, ok := identity.NeedsReview(err); ok {
//		queueForReview(candidate)
//	}
func NeedsReview(err error) (candidate string, ok bool) {
	e, isError := FromError(err)
	if !isError || e.Reason != MergeNeedsReview {
		return "", false
	}
	return e.Metadata["candidate"], true
}
