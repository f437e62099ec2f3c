// One client socket: its joined channels and the Phoenix events realtime-js sends.
import type { RawData, WebSocket } from "ws";
import { decodeFrame, encodeFrame, isObject, reply, type PhoenixMessage, type Vsn } from "./protocol.ts";
import { parseBinding, type PostgresBinding } from "./bindings.ts";
import { validateBinding, type ValidationContext } from "./validate-binding.ts";
import { expiredMessage, resolveClaims } from "./auth.ts";
import type { ChangeSubscriber } from "./dispatch.ts";
import type { RealtimeOptions } from "./server.ts";

export interface ConnectionContext extends ValidationContext {
  options: RealtimeOptions;
}

interface Channel extends ChangeSubscriber {
  topic: string;
  subTopic: string;
  joinRef: string | null;
  accessToken: string | null;
}

export class RealtimeConnection {
  private channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private ws: WebSocket,
    private vsn: Vsn,
    /** The role of the API key the socket connected with. */
    private keyRole: "anon" | "service_role",
    private ctx: ConnectionContext,
  ) {
    ws.on("message", (data, isBinary) => this.onFrame(data, isBinary));
    ws.on("close", () => {
      this.closed = true;
      this.channels.clear();
    });
  }

  /** Channels with postgres_changes bindings, after closing those whose token expired. */
  subscribers(): ChangeSubscriber[] {
    this.closeExpiredChannels();
    return [...this.channels.values()].filter((c) => c.bindings.length > 0);
  }

  /** Waits for the messages being handled (joins read the database). */
  settled(): Promise<void> {
    return this.queue;
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (isBinary) return; // Binary frames only carry broadcast, which is not implemented.
    const message = decodeFrame(data.toString(), this.vsn);
    if (!message) return;
    if (message.topic === "phoenix" && message.event === "heartbeat") {
      this.closeExpiredChannels();
      this.send(reply(message, "ok"));
      return;
    }
    // In order, so that a leave or a token update never overtakes the join before it.
    this.queue = this.queue
      .then(() => this.handle(message))
      .catch((error) => console.warn("[realtime] failed to handle", message.event, error));
  }

  private async handle(message: PhoenixMessage): Promise<void> {
    if (message.event === "phx_join") return this.join(message);
    const channel = this.channels.get(message.topic);
    if (message.event === "phx_leave") {
      if (channel) this.channels.delete(message.topic);
      return this.send(reply(message, "ok"));
    }
    if (!channel) return this.send(reply(message, "error", { reason: "unmatched topic" }));
    if (message.event === "access_token") return this.updateToken(channel, message.payload.access_token);
    // Broadcast and presence are acknowledged but not delivered: the local stack only
    // implements postgres_changes.
    if (message.event === "broadcast" || message.event === "presence") return this.send(reply(message, "ok"));
  }

  private async join(message: PhoenixMessage): Promise<void> {
    const { topic, payload } = message;
    this.channels.delete(topic);
    const fail = (reason: string) => this.send(reply(message, "error", { reason }));
    if (!topic.startsWith("realtime:")) return fail("unmatched topic");
    const subTopic = topic.slice("realtime:".length);
    if (subTopic === "") return fail("You must provide a topic name");
    const config = isObject(payload.config) ? payload.config : {};
    // Private channels are authorized by RLS on realtime.messages, which only guards
    // broadcast and presence; refusing them keeps local from allowing what prod would not.
    if (config.private === true) return fail("Private channels are not supported by the local Supabase Realtime");

    const resolved = await resolveClaims(payload.access_token, this.keyRole, this.ctx.options);
    if (!resolved.ok) return fail(resolved.error);

    const bindings: PostgresBinding[] = [];
    for (const params of Array.isArray(config.postgres_changes) ? config.postgres_changes : []) {
      const parsed = parseBinding(params);
      if (!parsed.ok) return fail(parsed.error);
      bindings.push(parsed.binding);
    }
    if (bindings.length > 0) await this.ctx.feed.sync();
    for (const binding of bindings) {
      const error = await validateBinding(binding, resolved.claims.role, this.ctx);
      if (error) return fail(error);
    }
    if (this.closed) return;

    const channel: Channel = {
      topic,
      subTopic,
      joinRef: message.joinRef,
      accessToken: typeof payload.access_token === "string" ? payload.access_token : null,
      claims: resolved.claims,
      bindings,
      deliver: (ids, data) => {
        if (this.channels.get(topic) !== channel) return;
        this.send({ joinRef: null, ref: null, topic, event: "postgres_changes", payload: { ids, data } });
      },
    };
    this.channels.set(topic, channel);
    this.send(reply(message, "ok", { postgres_changes: bindings.map((b) => ({ ...b.params, id: b.id })) }));
    if (bindings.length > 0) {
      this.system(channel, "postgres_changes", "ok", "Subscribed to PostgreSQL");
    }
  }

  private async updateToken(channel: Channel, token: unknown): Promise<void> {
    if (token === undefined || token === null || token === channel.accessToken) return;
    const resolved = await resolveClaims(token, this.keyRole, this.ctx.options);
    if (this.channels.get(channel.topic) !== channel) return;
    if (!resolved.ok) return this.shutdown(channel, resolved.error);
    channel.claims = resolved.claims;
    channel.accessToken = typeof token === "string" ? token : null;
  }

  private closeExpiredChannels(): void {
    for (const channel of [...this.channels.values()]) {
      const expired = expiredMessage(channel.claims);
      if (expired) this.shutdown(channel, expired);
    }
  }

  /** As Realtime ends a channel: a system error, then phx_close. */
  private shutdown(channel: Channel, message: string): void {
    this.channels.delete(channel.topic);
    this.system(channel, "system", "error", message);
    this.send({ joinRef: channel.joinRef, ref: channel.joinRef, topic: channel.topic, event: "phx_close", payload: {} });
  }

  private system(channel: Channel, extension: string, status: "ok" | "error", message: string): void {
    this.send({
      joinRef: channel.joinRef,
      ref: null,
      topic: channel.topic,
      event: "system",
      payload: { extension, status, message, channel: channel.subTopic },
    });
  }

  private send(message: PhoenixMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encodeFrame(message, this.vsn));
  }
}
