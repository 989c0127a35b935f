import { normalizeEvent } from "./normalize.js";
import type { EventSourceFactory, EventSourceLike, MessageEventLike, RealtimeEvent } from "./types.js";

export interface LiveOptions {
  streamUrl: string;
  token: string;
  eventSource: EventSourceFactory;
  initialDelayMs: number;
  maxDelayMs: number;
  onEvent(event: RealtimeEvent, lastEventId: string | null): void;
  onStatus(status: "connecting" | "open" | "reconnecting" | "closed", attempt: number, delayMs?: number): void;
  /** Called after a reconnect that had no event id to resume from, so the caller can reload instead. */
  onResumeWithoutCursor(): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * One EventSource at a time. The browser's own retry stops for good on an HTTP error, so every error closes
 * the source and this opens a new one after an exponential backoff, resuming with lastEventId=<last cursor>:
 * the server replays the newer items first, and the store drops the ids it already has.
 */
export class LiveConnection {
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private lastEventId: string | null = null;
  private stopped = false;
  private everOpened = false;

  constructor(private readonly options: LiveOptions) {}

  /** The cursor the next connection resumes from. */
  get cursor(): string | null {
    return this.lastEventId;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.options.onStatus("closed", this.attempt);
  }

  private connect(): void {
    const { streamUrl, token } = this.options;
    const query = new URLSearchParams({ access_token: token });
    if (this.lastEventId !== null) query.set("lastEventId", this.lastEventId);
    const resuming = this.everOpened;
    const resumeWithoutCursor = resuming && this.lastEventId === null;
    this.options.onStatus(resuming ? "reconnecting" : "connecting", this.attempt);
    const source = new this.options.eventSource(`${streamUrl}?${query.toString()}`);
    this.source = source;
    let opened = false;
    const opening = () => {
      if (opened || this.source !== source) return;
      opened = true;
      this.everOpened = true;
      this.attempt = 0;
      this.options.onStatus("open", 0);
      if (resumeWithoutCursor) this.options.onResumeWithoutCursor();
    };
    source.onopen = opening;
    for (const kind of ["unread", "notification", "updated"] as const) {
      source.addEventListener(kind, (message: MessageEventLike) => {
        if (this.source !== source) return;
        opening();
        let event: RealtimeEvent;
        try {
          event = normalizeEvent(JSON.parse(message.data) as Record<string, unknown>, kind);
        } catch {
          return;
        }
        if (kind === "notification" && message.lastEventId) {
          this.lastEventId = message.lastEventId;
        }
        this.options.onEvent(event, this.lastEventId);
      });
    }
    source.onerror = () => {
      if (this.source !== source || this.stopped) return;
      source.close();
      this.source = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.attempt += 1;
    const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** (this.attempt - 1));
    // Full jitter over the upper half, so many tabs of a restarted silo do not reconnect in one burst.
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.options.onStatus("reconnecting", this.attempt, delay);
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }
}
