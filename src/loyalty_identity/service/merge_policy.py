"""GetMergePolicy and UpdateMergePolicy (SPEC 7.1): an org's merge policy, read and replaced whole."""

from __future__ import annotations

from datetime import datetime

from loyalty_identity.domain.events import MergePolicyChanged
from loyalty_identity.domain.merge_policy import MergePolicy
from loyalty_identity.service.ports import Repository


def get_merge_policy(repo: Repository, org: str) -> MergePolicy:
    return repo.merge_policy(org)


def update_merge_policy(repo: Repository, org: str, policy: MergePolicy, now: datetime) -> MergePolicy:
    """Replace the policy; the feed tells of a change, and of none when the policy stays as it was."""
    if repo.merge_policy(org) != policy:
        repo.save_merge_policy(org, policy, now)
        repo.record_event(org, MergePolicyChanged(policy), now)
    return policy
