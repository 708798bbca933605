"""Translation between proto messages and the domain's plain objects."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from loyalty_identity.api.protos import event_pb, identifier_pb, merge_review_pb, resources_pb
from loyalty_identity.domain import events, model
from loyalty_identity.domain.candidates import MergeCandidate, RecordedUpdate
from loyalty_identity.domain.erasure import is_erased
from loyalty_identity.domain.identifiers import IdentifierValue
from loyalty_identity.domain.masking import mask
from loyalty_identity.domain.merge_policy import MergePolicy
from loyalty_identity.domain.names import customer_name, merge_name
from loyalty_identity.domain.queries import Found
from loyalty_identity.service.commands import IdentifierInput, ProfileInput, QueryInput, SeriesInput


def enum(value: int) -> Any:
    """A domain IntEnum as a proto enum number (the generated stubs want their own enum type)."""
    return int(value)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def timestamp(value: datetime | None) -> Timestamp | None:
    """Timestamp.FromDatetime's result by integer arithmetic (a customer has several times: it is the
    costliest step of building one, through time tuples and calendar.timegm)."""
    if value is None:
        return None
    since = (value if value.tzinfo else value.replace(tzinfo=UTC)) - _EPOCH
    return Timestamp(seconds=since.days * 86_400 + since.seconds, nanos=since.microseconds * 1_000)


# Requests -> domain inputs --------------------------------------------------


def identifier_input(msg: resources_pb.Identifier) -> IdentifierInput:
    return IdentifierInput(msg.type, msg.value, msg.series_id, msg.status_label)


def identifier_inputs(msgs: Iterable[resources_pb.Identifier]) -> list[IdentifierInput]:
    return [identifier_input(m) for m in msgs]


def profile_inputs(msgs: Iterable[resources_pb.Profile]) -> list[ProfileInput]:
    return [ProfileInput(m.source, m.account_id, identifier_inputs(m.identifiers)) for m in msgs]


def query_inputs(msgs: Iterable[identifier_pb.IdentifierQuery]) -> list[QueryInput]:
    return [
        QueryInput(m.source, m.account_id, identifier_input(m.identifier) if m.HasField("identifier") else None)
        for m in msgs
    ]


# Domain -> responses ----------------------------------------------------------


def identifier(value: IdentifierValue) -> resources_pb.Identifier:
    return resources_pb.Identifier(type=enum(value.type), value=value.value)


def profile(value: model.Profile) -> resources_pb.Profile:
    return resources_pb.Profile(
        source=enum(value.scope.source),
        account_id=value.scope.account_id,
        identifiers=[identifier(i) for i in value.identifiers],
        create_time=timestamp(value.create_time),
    )


def card(value: model.Card) -> resources_pb.Card:
    return resources_pb.Card(
        number=value.number,
        series_id=value.series_id,
        status=enum(value.status),
        status_label=value.status_label,
        customer=value.customer,
        create_time=timestamp(value.create_time),
        issue_time=timestamp(value.issue_time),
        expire_time=timestamp(value.expire_time),
    )


def card_series(value: model.CardSeries) -> resources_pb.CardSeries:
    return resources_pb.CardSeries(
        id=value.id,
        code=value.code,
        name=value.name,
        type=enum(value.type),
        format=resources_pb.CardNumberFormat(
            prefix=value.prefix,
            suffix=value.suffix,
            length=value.length,
            method=enum(value.method),
            luhn_check_digit=value.luhn,
        ),
        max_active_cards_per_customer=value.max_active_cards_per_customer,
        expiry_days=value.expiry_days,
    )


def series_input(msg: resources_pb.CardSeries) -> SeriesInput:
    fmt = msg.format
    return SeriesInput(
        code=msg.code,
        name=msg.name,
        type=msg.type,
        prefix=fmt.prefix,
        suffix=fmt.suffix,
        length=fmt.length,
        method=fmt.method,
        luhn=fmt.luhn_check_digit,
        max_active_cards_per_customer=msg.max_active_cards_per_customer,
        expiry_days=msg.expiry_days,
    )


def status_label(value: model.StatusLabel) -> resources_pb.StatusLabel:
    return resources_pb.StatusLabel(label=value.label, status=enum(value.status))


def card_status_change(value: model.CardStatusChange) -> resources_pb.CardStatusChange:
    msg = resources_pb.CardStatusChange(
        number=value.number,
        to_status=enum(value.to_status),
        status_label=value.status_label,
        customer=value.customer,
        reason=value.reason,
        create_time=timestamp(value.create_time),
    )
    if value.from_status is not None:  # `optional`: unset for the card's creation, never UNSPECIFIED
        msg.from_status = enum(value.from_status)
    return msg


def customer(value: model.Customer) -> resources_pb.Customer:
    return resources_pb.Customer(
        name=value.name,
        state=enum(value.state),
        profiles=[profile(p) for p in value.profiles],
        cards=[card(c) for c in value.cards],
        survivor=value.survivor,
        merged_customers=value.merged_customers,
        create_time=timestamp(value.create_time),
        update_time=timestamp(value.update_time),
        erase_time=timestamp(value.erase_time),
    )


def found_customer(value: Found) -> identifier_pb.FoundCustomer:
    """A miss leaves every field unset; a card's scope is SOURCE_UNSPECIFIED (cards are org-wide)."""
    msg = identifier_pb.FoundCustomer()
    if value.customer is not None:
        msg.customer.CopyFrom(customer(value.customer))
    if value.scope is not None:
        msg.source = enum(value.scope.source)
        msg.account_id = value.scope.account_id
    return msg


def merge(value: model.Merge) -> resources_pb.Merge:
    msg = resources_pb.Merge(
        name=value.name,
        victim=value.victim,
        survivor=value.survivor,
        request_id=value.request_id,
        create_time=timestamp(value.create_time),
        moved_profiles=[profile(p) for p in value.moved_profiles],
        moved_cards=value.moved_cards,
        repointed_customers=value.repointed_customers,
    )
    if value.trigger_scope is not None:  # `optional`: trigger_source stays unset for an explicit merge
        msg.trigger_source = enum(value.trigger_scope.source)
        msg.trigger_account_id = value.trigger_scope.account_id
    if value.trigger is not None:
        msg.trigger.CopyFrom(identifier(value.trigger))
    if value.unmerge_time is not None:
        msg.unmerge_time.FromDatetime(value.unmerge_time)
        msg.unmerge_request_id = value.unmerge_request_id
    return msg


def warning(value: model.Warning) -> resources_pb.Warning:
    return resources_pb.Warning(code=value.code, message=value.message, metadata=value.metadata)


def warnings(values: Iterable[model.Warning]) -> list[resources_pb.Warning]:
    return [warning(w) for w in values]


# The change feed -------------------------------------------------------------


def _scoped(items: Iterable[events.ScopedIdentifier], reveal: bool) -> list[event_pb.ScopedIdentifier]:
    return [
        event_pb.ScopedIdentifier(
            source=enum(i.scope.source),
            account_id=i.scope.account_id,
            type=enum(i.ident.type),
            value=i.ident.value if reveal else mask(i.ident.type.name, i.ident.value),
            erased=is_erased(i.ident),
        )
        for i in items
    ]


def merge_policy(policy: MergePolicy) -> resources_pb.MergePolicy:
    return resources_pb.MergePolicy(
        rules=[resources_pb.TypeRule(type=enum(kind), mode=enum(mode)) for kind, mode in policy.modes],
        max_merged_customers=policy.max_merged_customers,
    )


def merge_candidate(value: MergeCandidate) -> merge_review_pb.MergeCandidate:
    msg = merge_review_pb.MergeCandidate(
        name=value.name,
        state=enum(value.state),
        reason=enum(value.reason),
        victim=customer_name(value.victim) if value.victim else "",
        survivor=customer_name(value.survivor),
        trigger_source=enum(value.trigger.scope.source),
        trigger_account_id=value.trigger.scope.account_id,
        trigger=identifier(value.trigger.ident),
        request_id=value.request_id,
        create_time=timestamp(value.create_time),
        resolve_time=timestamp(value.resolve_time),
        merge=merge_name(value.merge) if value.merge else "",
    )
    request = value.request
    if isinstance(request, RecordedUpdate):
        msg.update_identifiers.CopyFrom(
            identifier_pb.UpdateIdentifiersRequest(
                customer=customer_name(request.customer_id),
                source=enum(request.source),
                account_id=request.account_id,
                add=[_identifier_of(item) for item in request.add],
                remove=[_identifier_of(item) for item in request.remove],
            )
        )
    else:
        profiles = [
            resources_pb.Profile(
                source=enum(p.source), account_id=p.account_id, identifiers=[_identifier_of(i) for i in p.identifiers]
            )
            for p in request.profiles
        ]
        msg.create_customer.CopyFrom(identifier_pb.CreateCustomerRequest(profiles=profiles))
    return msg


def _identifier_of(item: IdentifierInput) -> resources_pb.Identifier:
    """An identifier as the request gave it."""
    return resources_pb.Identifier(
        type=enum(item.type), value=item.value, series_id=item.series_id, status_label=item.status_label
    )


def _numbers(numbers: Iterable[str], reveal: bool) -> list[str]:
    return [n if reveal else mask("CARD_NUMBER", n) for n in numbers]


def event(value: events.Event, reveal: bool) -> event_pb.Event:
    """An event as sent; identifier values and card numbers masked unless revealed."""
    msg = event_pb.Event(
        sequence=value.sequence,
        create_time=timestamp(value.create_time),
        customers=value.change.customers,
        request_id=value.request_id,
    )
    change = value.change
    match change:
        case events.CustomerCreated():
            msg.customer_created.customer = change.customer
            msg.customer_created.identifiers.extend(_scoped(change.identifiers, reveal))
        case events.IdentifiersChanged():
            msg.identifiers_changed.customer = change.customer
            msg.identifiers_changed.added.extend(_scoped(change.added, reveal))
            msg.identifiers_changed.removed.extend(_scoped(change.removed, reveal))
        case events.CustomersMerged():
            merged = msg.customers_merged
            merged.merge, merged.victim, merged.survivor = change.merge, change.victim, change.survivor
            merged.moved_identifiers.extend(_scoped(change.moved_identifiers, reveal))
            merged.moved_cards.extend(_numbers(change.moved_cards, reveal))
            merged.repointed_customers.extend(change.repointed_customers)
            if change.trigger is not None:
                merged.trigger.CopyFrom(_scoped([change.trigger], reveal)[0])
        case events.CustomersUnmerged():
            unmerged = msg.customers_unmerged
            unmerged.merge, unmerged.victim, unmerged.survivor = change.merge, change.victim, change.survivor
            unmerged.restored_identifiers.extend(_scoped(change.restored_identifiers, reveal))
            unmerged.removed_identifiers.extend(_scoped(change.removed_identifiers, reveal))
            unmerged.restored_cards.extend(_numbers(change.restored_cards, reveal))
            unmerged.restored_customers.extend(change.restored_customers)
        case events.CustomerErased():
            msg.customer_erased.customer = change.customer
            msg.customer_erased.erased_customers.extend(change.erased_customers)
        case events.MergePolicyChanged():
            msg.merge_policy_changed.policy.CopyFrom(merge_policy(change.policy))
        case events.MergeCandidateCreated():
            created = msg.merge_candidate_created
            created.candidate, created.victim, created.survivor = change.candidate, change.victim, change.survivor
            created.trigger.CopyFrom(_scoped([change.trigger], reveal)[0])
            created.reason = enum(change.reason)
        case events.MergeCandidateResolved():
            resolved = msg.merge_candidate_resolved
            resolved.candidate, resolved.state, resolved.merge = change.candidate, enum(change.state), change.merge
        case events.CardChanged():
            msg.card_changed.CopyFrom(
                event_pb.CardChanged(
                    number=change.number if reveal else mask("CARD_NUMBER", change.number),
                    series_id=change.series_id,
                    status=enum(change.status),
                    status_label=change.status_label,
                    customer=change.customer,
                    previous_customer=change.previous_customer,
                    previous_status=enum(change.previous_status or 0),
                    reason=change.reason,
                )
            )
    return msg
