// The Connect protocol, unary calls with JSON: POST /loyalty.identity.v1.<Service>/<Method>, the proto3
// JSON request in, the proto3 JSON response out; an error is Connect's error JSON, decoded here into a
// ConnectError that keeps what the server said (code, message, ErrorInfo reason and metadata, field
// violations).

import { base64ToBytes, decodeBadRequest, decodeErrorInfo } from "./wire.js";

const PACKAGE = "loyalty.identity.v1";
const TOKEN_KEY = "loyalty-identity.console.token";
const TIMEOUT_MS = 20000;

/** The bearer token, asked once per tab and kept in sessionStorage; "" means no token. */
export const token = {
  asked: () => sessionStorage.getItem(TOKEN_KEY) !== null,
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? "",
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value.trim()),
};

// The code a Connect client gives an HTTP error that carries no Connect error body.
const HTTP_CODES = {
  400: "internal",
  401: "unauthenticated",
  403: "permission_denied",
  404: "unimplemented",
  429: "unavailable",
  502: "unavailable",
  503: "unavailable",
  504: "unavailable",
};

export class ConnectError extends Error {
  constructor(code, message, httpStatus = 0, details = []) {
    super(message);
    this.name = "ConnectError";
    this.code = code;
    this.httpStatus = httpStatus;
    this.errorInfos = [];
    this.violations = [];
    this.otherDetails = [];
    for (const detail of details) this.#addDetail(detail);
  }

  #addDetail(detail) {
    try {
      const bytes = base64ToBytes(detail.value ?? "");
      if (detail.type === "google.rpc.ErrorInfo") this.errorInfos.push(decodeErrorInfo(bytes));
      else if (detail.type === "google.rpc.BadRequest") this.violations.push(...decodeBadRequest(bytes));
      else this.otherDetails.push(detail.type);
    } catch {
      this.otherDetails.push(`${detail.type} (undecodable)`);
    }
  }

  /** The first ErrorInfo's reason, e.g. CUSTOMER_NOT_FOUND; "" when the error has none. */
  get reason() {
    return this.errorInfos[0]?.reason ?? "";
  }

  get metadata() {
    return this.errorInfos[0]?.metadata ?? {};
  }
}

/** Calls one RPC; resolves to the response message (a plain object) or rejects with a ConnectError. */
export async function call(service, method, request = {}) {
  const headers = {
    "Content-Type": "application/json",
    "Connect-Protocol-Version": "1",
    "Connect-Timeout-Ms": String(TIMEOUT_MS),
  };
  const bearer = token.get();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS + 2000);
  let response;
  let text;
  try {
    response = await fetch(`/${PACKAGE}.${service}/${method}`, {
      method: "POST",
      headers,
      body: JSON.stringify(request),
      cache: "no-store",
      credentials: "omit",
      signal: abort.signal,
    });
    text = await response.text();
  } catch (error) {
    throw new ConnectError("unavailable", `the server could not be reached (${error.message})`);
  } finally {
    clearTimeout(timer);
  }
  let body = null;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = null;
  }
  if (response.ok && body !== null) return body;
  if (body && typeof body.code === "string") {
    throw new ConnectError(body.code, body.message ?? "", response.status, body.details ?? []);
  }
  const code = HTTP_CODES[response.status] ?? "unknown";
  throw new ConnectError(code, text || `HTTP ${response.status}`, response.status);
}

/** Every page of a list RPC (up to maxPages); items under `key`, and whether pages were left. */
export async function listAll(service, method, request, key, maxPages = 5) {
  const items = [];
  let pageToken = "";
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await call(service, method, { ...request, pageToken });
    items.push(...(answer[key] ?? []));
    pageToken = answer.nextPageToken ?? "";
    if (!pageToken) return { items, more: false };
  }
  return { items, more: true };
}

/** A random UUID for request_id (crypto.randomUUID needs a secure context; plain HTTP may not be one). */
export function requestId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
