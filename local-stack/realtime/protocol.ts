// Phoenix channel frames as realtime-js sends and expects them.
// vsn 2.0.0: JSON text arrays [join_ref, ref, topic, event, payload] (binary frames are
// only used for broadcast, which the local Realtime does not implement).
// vsn 1.0.0: JSON objects {join_ref, ref, topic, event, payload}.

export type Vsn = "1.0.0" | "2.0.0";

export interface PhoenixMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}

export function parseVsn(value: string | null): Vsn | null {
  if (value === null || value === "1.0.0") return "1.0.0";
  return value === "2.0.0" ? "2.0.0" : null;
}

export function decodeFrame(text: string, vsn: Vsn): PhoenixMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  let joinRef: unknown, ref: unknown, topic: unknown, event: unknown, payload: unknown;
  if (vsn === "2.0.0") {
    if (!Array.isArray(raw) || raw.length !== 5) return null;
    [joinRef, ref, topic, event, payload] = raw;
  } else {
    if (!isObject(raw)) return null;
    ({ join_ref: joinRef, ref, topic, event, payload } = raw);
  }
  if (typeof topic !== "string" || typeof event !== "string") return null;
  return {
    joinRef: typeof joinRef === "string" ? joinRef : null,
    ref: typeof ref === "string" ? ref : null,
    topic,
    event,
    payload: isObject(payload) ? payload : {},
  };
}

export function encodeFrame(message: PhoenixMessage, vsn: Vsn): string {
  const { joinRef, ref, topic, event, payload } = message;
  return JSON.stringify(vsn === "2.0.0" ? [joinRef, ref, topic, event, payload] : { join_ref: joinRef, ref, topic, event, payload });
}

export function reply(to: PhoenixMessage, status: "ok" | "error", response: Record<string, unknown> = {}): PhoenixMessage {
  return { joinRef: to.joinRef, ref: to.ref, topic: to.topic, event: "phx_reply", payload: { status, response } };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
