import { InboxError } from "./errors.js";
import { LiveConnection } from "./live.js";
import { normalizeItem, normalizePage, normalizePreferences } from "./normalize.js";
import { InboxStore } from "./store.js";
import type {
  BulkAction, Counts, EventSourceFactory, FetchLike, Filter, InboxEvent, InboxItem, InboxPage, ListQuery, NotificationPreferences,
} from "./types.js";

export interface InboxClientOptions {
  /** The silo's origin, e.g. "https://notify.example.com" (a trailing slash is ignored). */
  baseUrl: string;
  userId: string;
  /** The user token issued by POST /api/v1/users/{id}/tokens. */
  token: string;
  fetch?: FetchLike;
  eventSource?: EventSourceFactory;
  /** Reconnect backoff: first delay and ceiling, in milliseconds (default 500 and 30 000). */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Page size of the store's feed (default 20). */
  pageSize?: number;
}

export interface InboxClient {
  readonly store: InboxStore;
  list(query?: ListQuery): Promise<InboxPage>;
  counts(): Promise<Counts>;
  markSeen(): Promise<number>;
  markRead(id: string, read?: boolean): Promise<void>;
  markAllRead(): Promise<number>;
  archive(id: string): Promise<void>;
  unarchive(id: string): Promise<void>;
  snooze(id: string, until: Date | string): Promise<void>;
  runAction(id: string, actionId: string): Promise<{ url: string | null }>;
  bulk(action: BulkAction, filter?: Filter): Promise<number>;
  getPreferences(): Promise<NotificationPreferences>;
  updatePreferences(preferences: NotificationPreferences): Promise<NotificationPreferences>;
  /** Loads the first page of a filter into the store (replacing the feed). */
  load(filter?: Filter): Promise<void>;
  /** Loads the next page of the store's filter; false when there is none. */
  loadMore(): Promise<boolean>;
  /** Live updates; the first subscriber opens the stream, the last one to leave closes it. */
  subscribe(listener: (event: InboxEvent) => void): () => void;
}

export function createInboxClient(options: InboxClientOptions): InboxClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const inboxUrl = `${baseUrl}/api/v1/users/${encodeURIComponent(options.userId)}/notifications`;
  const preferencesUrl = `${baseUrl}/api/v1/users/${encodeURIComponent(options.userId)}/preferences`;
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pageSize = options.pageSize ?? 20;
  const store = new InboxStore();
  const listeners = new Set<(event: InboxEvent) => void>();
  let live: LiveConnection | null = null;
  let loadGeneration = 0;

  const emit = (event: InboxEvent) => {
    for (const listener of [...listeners]) listener(event);
  };

  async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (cause) {
      throw new InboxError(0, `Network error calling ${method} ${url}: ${String(cause)}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let problem: { title?: string; detail?: string; errors?: Record<string, string[]> } | undefined;
      try {
        problem = text ? JSON.parse(text) : undefined;
      } catch {
        problem = undefined;
      }
      throw new InboxError(response.status, problem?.detail ?? problem?.title ?? `${method} ${url} answered ${response.status}`, problem);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const query = (q: ListQuery): string => {
    const params = new URLSearchParams();
    if (q.cursor) params.set("cursor", q.cursor);
    if (q.limit !== undefined) params.set("limit", String(q.limit));
    if (q.state && q.state !== "active") params.set("state", q.state);
    if (q.category) params.set("category", q.category);
    if (q.tag) params.set("tag", q.tag);
    const text = params.toString();
    return text ? `?${text}` : "";
  };

  const patch = (id: string, body: Record<string, unknown>) => request<void>("PATCH", `${inboxUrl}/${encodeURIComponent(id)}`, body);

  /** Applies the change locally, then asks the server; a refusal puts the item back and rethrows. */
  async function optimisticPatch(id: string, body: Record<string, unknown>, change: (item: InboxItem) => InboxItem): Promise<void> {
    const revert = store.changeItem(id, change);
    try {
      await patch(id, body);
    } catch (error) {
      revert();
      emit({ type: "error", error });
      throw error;
    }
  }

  const client: InboxClient = {
    store,

    async list(q = {}) {
      return normalizePage(await request<Record<string, unknown>>("GET", inboxUrl + query(q)));
    },

    async counts() {
      const raw = await request<{ unread?: number; unseen?: number }>("GET", `${inboxUrl}/counts`);
      const counts = { unread: Number(raw.unread ?? 0), unseen: Number(raw.unseen ?? 0) };
      store.setCounts(counts.unread, counts.unseen);
      return counts;
    },

    async markSeen() {
      const now = new Date().toISOString();
      const revert = store.optimistic((state) => ({ unseen: 0, items: state.items.map((i) => (i.seenAt ? i : { ...i, seenAt: now })) }));
      try {
        return (await request<{ updated?: number }>("POST", `${inboxUrl}/seen`)).updated ?? 0;
      } catch (error) {
        if (error instanceof InboxError && (error.status === 404 || error.status === 405)) {
          return 0; // A server without unseen counts: the badge was counted here, and stays cleared.
        }
        revert();
        emit({ type: "error", error });
        throw error;
      }
    },

    markRead(id, read = true) {
      return optimisticPatch(id, { read }, (item) => ({ ...item, readAt: read ? item.readAt ?? new Date().toISOString() : null }));
    },

    async markAllRead() {
      const now = new Date().toISOString();
      const revert = store.optimistic((state) => ({ unread: 0, items: state.items.map((i) => (i.readAt ? i : { ...i, readAt: now })) }));
      try {
        return (await request<{ updated?: number }>("POST", `${inboxUrl}/read-all`)).updated ?? 0;
      } catch (error) {
        revert();
        emit({ type: "error", error });
        throw error;
      }
    },

    archive(id) {
      return optimisticPatch(id, { archived: true }, (item) => ({ ...item, archivedAt: new Date().toISOString() }));
    },

    unarchive(id) {
      return optimisticPatch(id, { archived: false }, (item) => ({ ...item, archivedAt: null }));
    },

    snooze(id, until) {
      const instant = typeof until === "string" ? new Date(until) : until;
      if (Number.isNaN(instant.getTime())) return Promise.reject(new InboxError(400, "snoozedUntil must be an instant."));
      const iso = instant.toISOString();
      return optimisticPatch(id, { snoozedUntil: iso }, (item) => ({ ...item, snoozedUntil: iso }));
    },

    async runAction(id, actionId) {
      const raw = await request<{ url?: string | null }>("POST", `${inboxUrl}/${encodeURIComponent(id)}/actions/${encodeURIComponent(actionId)}`);
      return { url: raw?.url ?? null };
    },

    async bulk(action, filter = {}) {
      const body = { action, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null)) };
      const updated = (await request<{ updated?: number }>("POST", `${inboxUrl}/bulk`, body)).updated ?? 0;
      await client.load(store.snapshot.filter);
      return updated;
    },

    async getPreferences() {
      return normalizePreferences(await request<Record<string, unknown>>("GET", preferencesUrl));
    },

    async updatePreferences(preferences) {
      return normalizePreferences(await request<Record<string, unknown>>("PUT", preferencesUrl, preferences));
    },

    async load(filter = store.snapshot.filter) {
      const generation = ++loadGeneration;
      // A reload of the same view (a reconnect with nothing to resume from, a bulk change) keeps the feed on screen
      // until the fresh first page replaces it: emptying it first would flash "loading" and lose the reader's place.
      if (!sameFilter(store.snapshot.filter, filter)) store.setFilter(filter);
      store.setLoading(true);
      try {
        const page = await client.list({ ...store.snapshot.filter, limit: pageSize });
        if (generation === loadGeneration) store.applyPage(page, false);
      } catch (error) {
        if (generation === loadGeneration) store.setLoading(false, error);
        emit({ type: "error", error });
        throw error;
      }
    },

    async loadMore() {
      const { nextCursor, filter, loading } = store.snapshot;
      if (!nextCursor || loading) return false;
      const generation = loadGeneration;
      store.setLoading(true);
      try {
        const page = await client.list({ ...filter, cursor: nextCursor, limit: pageSize });
        if (generation === loadGeneration) store.applyPage(page, true);
        return true;
      } catch (error) {
        if (generation === loadGeneration) store.setLoading(false, error);
        emit({ type: "error", error });
        throw error;
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      if (live === null) {
        const factory = options.eventSource ?? (globalThis as unknown as { EventSource?: EventSourceFactory }).EventSource;
        if (!factory) throw new InboxError(0, "No EventSource: pass options.eventSource.");
        live = new LiveConnection({
          streamUrl: `${inboxUrl}/stream`,
          token: options.token,
          eventSource: factory,
          initialDelayMs: options.reconnect?.initialDelayMs ?? 500,
          maxDelayMs: options.reconnect?.maxDelayMs ?? 30_000,
          setTimer: (fn, ms) => setTimeout(fn, ms),
          clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
          onStatus: (status, attempt, delayMs) => emit({ type: "connection", status, attempt, delayMs }),
          onResumeWithoutCursor: () => {
            // Nothing to resume from: anything sent while away is in the first page.
            client.load(store.snapshot.filter).catch(() => undefined);
          },
          onEvent: (event) => {
            const isNew = store.applyEvent(event);
            const item = event.notification;
            if (event.kind === "notification" && item) emit({ type: "notification", item, isNew });
            else if (event.kind === "updated" && item) emit({ type: "updated", item });
            emit({ type: "counts", unread: store.snapshot.unread, unseen: store.snapshot.unseen });
          },
        });
        live.start();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && live !== null) {
          live.stop();
          live = null;
        }
      };
    },
  };
  return client;
}

export { normalizeItem };

/** Two filters select the same items: the same values, an absent state meaning "active". */
function sameFilter(a: Filter, b: Filter): boolean {
  const left: Record<string, unknown> = { state: "active", ...a };
  const right: Record<string, unknown> = { state: "active", ...b };
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => (left[key] ?? null) === (right[key] ?? null));
}
