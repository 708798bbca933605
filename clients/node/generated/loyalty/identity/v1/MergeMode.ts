// Original file: ../../protos/loyalty/identity/v1/resources.proto

/**
 * How an identifier type may merge customers when a request proves two of
 * them to be one person: an add, a create or an import holding a value that
 * another customer holds in another scope (RULES 7.1).
 */
export const MergeMode = {
  /**
   * Not a mode: refused in a policy.
   */
  MERGE_MODE_UNSPECIFIED: 'MERGE_MODE_UNSPECIFIED',
  /**
   * Merges at once (RULES 2.5).
   */
  MERGE_MODE_AUTO: 'MERGE_MODE_AUTO',
  /**
   * A person decides: the call is refused with MERGE_NEEDS_REVIEW and a
   * merge candidate is recorded.
   */
  MERGE_MODE_REVIEW: 'MERGE_MODE_REVIEW',
  /**
   * Never merges: the value is refused as taken (IDENTIFIER_TAKEN), as in
   * its holder's own scope.
   */
  MERGE_MODE_NEVER: 'MERGE_MODE_NEVER',
} as const;

/**
 * How an identifier type may merge customers when a request proves two of
 * them to be one person: an add, a create or an import holding a value that
 * another customer holds in another scope (RULES 7.1).
 */
export type MergeMode =
  /**
   * Not a mode: refused in a policy.
   */
  | 'MERGE_MODE_UNSPECIFIED'
  | 0
  /**
   * Merges at once (RULES 2.5).
   */
  | 'MERGE_MODE_AUTO'
  | 1
  /**
   * A person decides: the call is refused with MERGE_NEEDS_REVIEW and a
   * merge candidate is recorded.
   */
  | 'MERGE_MODE_REVIEW'
  | 2
  /**
   * Never merges: the value is refused as taken (IDENTIFIER_TAKEN), as in
   * its holder's own scope.
   */
  | 'MERGE_MODE_NEVER'
  | 3

/**
 * How an identifier type may merge customers when a request proves two of
 * them to be one person: an add, a create or an import holding a value that
 * another customer holds in another scope (RULES 7.1).
 */
export type MergeMode__Output = typeof MergeMode[keyof typeof MergeMode]
