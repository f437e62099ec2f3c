// Parses a UUID the way pydantic v2 (through the Rust `uuid` crate) does, with the same error texts.
const hex = /^[0-9a-fA-F]$/;
const groupLengths = [8, 4, 4, 4, 12];

export type UuidResult = { ok: true; value: string } | { ok: false; error: string };

export function parseUuid(input: string): UuidResult {
  let body = input;
  let offset = 0;
  if (input.length === 45 && input.startsWith("urn:uuid:")) {
    body = input.slice(9);
    offset = 9;
  } else if (input.length === 38 && input.startsWith("{") && input.endsWith("}")) {
    body = input.slice(1, -1);
    offset = 1;
  }
  const simple = body.length === 32 && /^[0-9a-fA-F]{32}$/.test(body);
  const hyphenated = body.length === 36 && /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(body);
  if ((simple && offset === 0) || hyphenated) {
    const digits = body.replaceAll("-", "").toLowerCase();
    const value = [0, 8, 12, 16, 20].map((start, i) => digits.slice(start, start + groupLengths[i]!)).join("-");
    return { ok: true, value };
  }
  return { ok: false, error: describeInvalid(body, offset) };
}

function describeInvalid(body: string, offset: number): string {
  const chars = [...body];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c !== "-" && !hex.test(c)) {
      return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${c}\` at ${i + offset + 1}`;
    }
  }
  const groups = body.split("-");
  if (groups.length === 1) return `invalid length: expected length 32 for simple format, found ${body.length}`;
  if (groups.length !== 5) return `invalid group count: expected 5, found ${groups.length}`;
  const bad = groups.findIndex((g, i) => g.length !== groupLengths[i]);
  return `invalid group length in group ${bad}: expected ${groupLengths[bad]}, found ${groups[bad]?.length}`;
}
