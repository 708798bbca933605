// A minimal reader of the protobuf wire format: just enough to decode the details of a Connect
// error (google.rpc.ErrorInfo, google.rpc.BadRequest), whose fields are strings and nested messages.

const utf8 = new TextDecoder();

/** Standard or URL-safe base64, padded or not (Connect sends it unpadded), to bytes. */
export function base64ToBytes(value) {
  const standard = value.replace(/-/g, "+").replace(/_/g, "/");
  const padded = standard + "=".repeat((4 - (standard.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function varint(bytes, start) {
  let value = 0;
  let scale = 1;
  let pos = start;
  for (let i = 0; i < 10; i += 1) {
    if (pos >= bytes.length) throw new Error("truncated varint");
    const byte = bytes[pos];
    pos += 1;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, pos];
  }
  throw new Error("varint too long");
}

/** The length-delimited fields of a message, as [field number, bytes]; other wire types are skipped. */
export function* lengthDelimited(bytes) {
  let pos = 0;
  while (pos < bytes.length) {
    let key;
    [key, pos] = varint(bytes, pos);
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === 0) {
      [, pos] = varint(bytes, pos);
    } else if (wireType === 1) {
      pos += 8;
    } else if (wireType === 5) {
      pos += 4;
    } else if (wireType === 2) {
      let length;
      [length, pos] = varint(bytes, pos);
      if (pos + length > bytes.length) throw new Error("truncated field");
      yield [number, bytes.subarray(pos, pos + length)];
      pos += length;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

function strings(bytes, names) {
  const found = Object.fromEntries(Object.values(names).map((name) => [name, ""]));
  for (const [number, value] of lengthDelimited(bytes)) {
    if (names[number]) found[names[number]] = utf8.decode(value);
  }
  return found;
}

/** google.rpc.ErrorInfo: reason = 1, domain = 2, metadata = 3 (map<string, string>). */
export function decodeErrorInfo(bytes) {
  const info = { reason: "", domain: "", metadata: {} };
  for (const [number, value] of lengthDelimited(bytes)) {
    if (number === 1) info.reason = utf8.decode(value);
    else if (number === 2) info.domain = utf8.decode(value);
    else if (number === 3) {
      const entry = strings(value, { 1: "key", 2: "value" });
      info.metadata[entry.key] = entry.value;
    }
  }
  return info;
}

/** google.rpc.BadRequest: field_violations = 1 (field = 1, description = 2, reason = 3). */
export function decodeBadRequest(bytes) {
  const violations = [];
  for (const [number, value] of lengthDelimited(bytes)) {
    if (number === 1) violations.push(strings(value, { 1: "field", 2: "description", 3: "reason" }));
  }
  return violations;
}
