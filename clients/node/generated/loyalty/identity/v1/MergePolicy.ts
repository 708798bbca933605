// Original file: ../../protos/loyalty/identity/v1/resources.proto

import type { TypeRule as _loyalty_identity_v1_TypeRule, TypeRule__Output as _loyalty_identity_v1_TypeRule__Output } from '../../../loyalty/identity/v1/TypeRule';

/**
 * An org's merge policy. A type without a rule merges at once (AUTO); the
 * default policy (no rules, no limit) is RULES 2.5 unchanged. An explicit
 * MergeCustomers is never stopped by it.
 */
export interface MergePolicy {
  /**
   * At most one rule per type; listed by type.
   */
  'rules'?: (_loyalty_identity_v1_TypeRule)[];
  /**
   * An automatic merge after which the survivor would count more customers
   * merged into it than this (re-pointed victims included) goes to review
   * instead (reason MERGE_LIMIT), whatever its types' modes but NEVER.
   * 0: no limit.
   */
  'maxMergedCustomers'?: (number);
}

/**
 * An org's merge policy. A type without a rule merges at once (AUTO); the
 * default policy (no rules, no limit) is RULES 2.5 unchanged. An explicit
 * MergeCustomers is never stopped by it.
 */
export interface MergePolicy__Output {
  /**
   * At most one rule per type; listed by type.
   */
  'rules': (_loyalty_identity_v1_TypeRule__Output)[];
  /**
   * An automatic merge after which the survivor would count more customers
   * merged into it than this (re-pointed victims included) goes to review
   * instead (reason MERGE_LIMIT), whatever its types' modes but NEVER.
   * 0: no limit.
   */
  'maxMergedCustomers': (number);
}
