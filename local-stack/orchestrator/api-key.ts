import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError } from "./errors.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** The key from X-API-Key or Authorization: Bearer, checked in constant time; no key configured accepts all. */
export function checkApiKey(request: IncomingMessage, expected: string | undefined) {
  if (!expected) return;
  const header = request.headers["x-api-key"];
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
  const given = (Array.isArray(header) ? header[0] : header) || bearer;
  if (!given) throw new HttpError(401, "Missing API key. Provide it in the X-API-Key header or as Authorization: Bearer <key>.");
  // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the key's length.
  if (!timingSafeEqual(digest(given), digest(expected))) throw new HttpError(403, "Invalid API key.");
}
