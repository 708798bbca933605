// How values of the API are shown: enum names without their prefix, times in UTC, customer links.

import { h } from "./dom.js";

const ENUM_PREFIXES = [
  "IDENTIFIER_TYPE_",
  "SOURCE_",
  "CUSTOMER_STATE_",
  "CARD_STATUS_",
  "CARD_TYPE_",
  "MERGE_MODE_",
  "MERGE_CANDIDATE_STATE_",
  "REVIEW_REASON_",
];

/** IDENTIFIER_TYPE_MOBILE -> MOBILE; unset -> the fallback. */
export function enumLabel(value, fallback = "—") {
  if (!value) return fallback;
  const prefix = ENUM_PREFIXES.find((p) => value.startsWith(p));
  return prefix ? value.slice(prefix.length) : value;
}

/** A <time> in UTC, to the second: 2026-12-07 11:06:01 UTC. */
export function time(timestamp) {
  if (!timestamp) return "—";
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const text = `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return h("time", { datetime: timestamp }, text);
}

/** INSTORE, or WECHAT/wx-brand. */
export function scopeLabel(source, accountId) {
  const name = enumLabel(source, "any scope");
  return accountId ? `${name}/${accountId}` : name;
}

/** "MOBILE 8613800138000" */
export function identifierLabel(identifier) {
  if (!identifier) return "—";
  const value = identifier.erased ? "(erased)" : (identifier.value ?? "");
  return `${enumLabel(identifier.type)} ${value}`;
}

/** customers/1a2b3c4d-… -> 1a2b3c4d */
export function shortName(name) {
  const id = (name ?? "").split("/")[1] ?? "";
  return id.slice(0, 8) || name || "—";
}

/** A link to a customer's view; full name, or its short form. */
export function customerLink(name, { short = false } = {}) {
  if (!name) return "—";
  const text = short ? shortName(name) : name;
  return h("a", { href: `#/${name}`, class: "customer-link", title: name }, h("code", {}, text));
}

/** A state as a coloured badge: ACTIVE, MERGED, ERASED, PENDING, ACCEPTED... */
export function badge(value) {
  const label = enumLabel(value);
  return h("span", { class: `badge badge-${label.toLowerCase()}` }, label);
}
