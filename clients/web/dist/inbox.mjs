var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);

// src/errors.ts
var InboxError = class extends Error {
  constructor(status, message, problem) {
    super(message);
    __publicField(this, "status");
    __publicField(this, "title");
    __publicField(this, "detail");
    __publicField(this, "errors");
    this.name = "InboxError";
    this.status = status;
    this.title = problem?.title ?? null;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors ?? {};
  }
};

// src/normalize.ts
function normalizeItem(raw) {
  return {
    id: String(raw.id),
    type: raw.type ?? null,
    category: raw.category ?? "general",
    title: raw.title ?? "",
    body: raw.body ?? "",
    data: raw.data ?? {},
    createdAt: String(raw.createdAt),
    readAt: raw.readAt ?? null,
    seenAt: raw.seenAt ?? null,
    archivedAt: raw.archivedAt ?? null,
    snoozedUntil: raw.snoozedUntil ?? null,
    tags: Array.isArray(raw.tags) ? raw.tags : [],
    actions: Array.isArray(raw.actions) ? raw.actions.map((a) => ({ id: String(a.id), label: String(a.label ?? a.id), url: a.url ?? null })) : []
  };
}
function normalizePage(raw) {
  return {
    notifications: Array.isArray(raw.notifications) ? raw.notifications.map(normalizeItem) : [],
    nextCursor: raw.nextCursor ?? null,
    unreadCount: Number(raw.unreadCount ?? 0),
    unseenCount: typeof raw.unseenCount === "number" ? raw.unseenCount : null
  };
}
function normalizeEvent(raw, kind) {
  return {
    kind: raw.kind ?? kind,
    notification: raw.notification ? normalizeItem(raw.notification) : null,
    unreadCount: Number(raw.unreadCount ?? 0),
    unseenCount: typeof raw.unseenCount === "number" ? raw.unseenCount : null
  };
}
function normalizePreferences(raw) {
  const categories = {};
  for (const [name, value] of Object.entries(raw.categories ?? {})) {
    categories[name] = {
      channels: value.channels ?? {},
      digest: value.digest ?? "instant"
    };
  }
  return {
    channels: raw.channels ?? {},
    categories,
    quietHours: raw.quietHours ?? null
  };
}
function newestFirst(a, b) {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

// src/live.ts
var LiveConnection = class {
  constructor(options) {
    this.options = options;
    __publicField(this, "source", null);
    __publicField(this, "timer", null);
    __publicField(this, "attempt", 0);
    __publicField(this, "lastEventId", null);
    __publicField(this, "stopped", false);
    __publicField(this, "everOpened", false);
  }
  /** The cursor the next connection resumes from. */
  get cursor() {
    return this.lastEventId;
  }
  start() {
    this.stopped = false;
    this.connect();
  }
  stop() {
    this.stopped = true;
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.options.onStatus("closed", this.attempt);
  }
  connect() {
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
    for (const kind of ["unread", "notification", "updated"]) {
      source.addEventListener(kind, (message) => {
        if (this.source !== source) return;
        opening();
        let event;
        try {
          event = normalizeEvent(JSON.parse(message.data), kind);
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
  scheduleReconnect() {
    this.attempt += 1;
    const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** (this.attempt - 1));
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.options.onStatus("reconnecting", this.attempt, delay);
    this.timer = this.options.setTimer(() => {
      this.timer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }
};

// src/store.ts
function matchesFilter(item, filter, now = Date.now()) {
  const snoozed = item.snoozedUntil !== null && Date.parse(item.snoozedUntil) > now;
  const archived = item.archivedAt !== null;
  const active = !archived && !snoozed;
  switch (filter.state ?? "active") {
    case "active":
      if (!active) return false;
      break;
    case "unread":
      if (!active || item.readAt !== null) return false;
      break;
    case "archived":
      if (!archived) return false;
      break;
    case "snoozed":
      if (archived || !snoozed) return false;
      break;
    case "all":
      break;
  }
  if (filter.category && item.category !== filter.category) return false;
  if (filter.tag && !item.tags.includes(filter.tag)) return false;
  return true;
}
var InboxStore = class {
  constructor() {
    __publicField(this, "state", { items: [], nextCursor: null, loaded: false, loading: false, error: null, filter: { state: "active" }, unread: 0, unseen: 0 });
    __publicField(this, "listeners", /* @__PURE__ */ new Set());
    /** False until the server has reported an unseen count; until then unseen is counted here. */
    __publicField(this, "serverCountsUnseen", false);
  }
  get snapshot() {
    return this.state;
  }
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get(id) {
    return this.state.items.find((item) => item.id === id);
  }
  setFilter(filter) {
    this.update({ filter: { state: "active", ...filter }, items: [], nextCursor: null, loaded: false, error: null });
  }
  setLoading(loading, error = null) {
    this.update({ loading, error });
  }
  /** A page of the current filter: the first replaces the feed (keeping live items newer than it), later ones append. */
  applyPage(page, append) {
    const incoming = page.notifications;
    let items;
    if (append) {
      items = mergeById(this.state.items, incoming);
    } else {
      const oldest = incoming.length > 0 ? incoming[incoming.length - 1] : void 0;
      const keep = this.state.items.filter((item) => oldest === void 0 || newestFirst(item, oldest) < 0);
      items = mergeById(keep, incoming);
    }
    this.update({
      items: items.filter((item) => matchesFilter(item, this.state.filter)),
      nextCursor: page.nextCursor,
      loaded: true,
      loading: false,
      error: null,
      ...this.countsFrom(page.unreadCount, page.unseenCount)
    });
  }
  setCounts(unread, unseen) {
    this.update(this.countsFrom(unread, unseen));
  }
  /** Applies a stream event; returns whether a `notification` event brought an id not seen before. */
  applyEvent(event) {
    let isNew = false;
    let items = this.state.items;
    let localUnseen = this.state.unseen;
    const item = event.notification;
    if (item) {
      const existing = items.findIndex((i) => i.id === item.id);
      isNew = event.kind === "notification" && existing < 0;
      if (isNew && item.seenAt === null) {
        localUnseen += 1;
      }
      items = items.filter((i) => i.id !== item.id);
      if (matchesFilter(item, this.state.filter)) {
        items = mergeById(items, [item]);
      }
    }
    const counts = event.unseenCount === null && !this.serverCountsUnseen ? { unread: event.unreadCount, unseen: localUnseen } : this.countsFrom(event.unreadCount, event.unseenCount);
    this.update({ items, ...counts });
    return isNew;
  }
  /** Applies a local change at once; returns the function that undoes it if the server refuses. */
  optimistic(change) {
    const before = this.state;
    this.update(change(this.state));
    return () => this.update({ items: before.items, unread: before.unread, unseen: before.unseen });
  }
  /** Replaces one item (or drops it when it leaves the current view) with the unread count adjusted. */
  changeItem(id, change) {
    return this.optimistic((state) => {
      const current = state.items.find((i) => i.id === id);
      if (!current) return {};
      const next = change(current);
      const unreadDelta = wasUnreadActive(next) - wasUnreadActive(current);
      return {
        items: state.items.flatMap((i) => i.id !== id ? [i] : matchesFilter(next, state.filter) ? [next] : []),
        unread: Math.max(0, state.unread + unreadDelta)
      };
    });
  }
  countsFrom(unread, unseen) {
    if (unseen !== null) {
      this.serverCountsUnseen = true;
      return { unread, unseen };
    }
    return { unread, unseen: this.serverCountsUnseen ? this.state.unseen : this.state.loaded || this.state.unseen > 0 ? this.state.unseen : unread };
  }
  update(change) {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) {
      listener(this.state);
    }
  }
};
function wasUnreadActive(item) {
  return item.readAt === null && matchesFilter(item, { state: "active" }) ? 1 : 0;
}
function mergeById(current, incoming) {
  const byId = /* @__PURE__ */ new Map();
  for (const item of current) byId.set(item.id, item);
  for (const item of incoming) byId.set(item.id, item);
  return [...byId.values()].sort(newestFirst);
}

// src/client.ts
function createInboxClient(options) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const inboxUrl = `${baseUrl}/api/v1/users/${encodeURIComponent(options.userId)}/notifications`;
  const preferencesUrl = `${baseUrl}/api/v1/users/${encodeURIComponent(options.userId)}/preferences`;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pageSize = options.pageSize ?? 20;
  const store = new InboxStore();
  const listeners = /* @__PURE__ */ new Set();
  let live = null;
  let loadGeneration = 0;
  const emit = (event) => {
    for (const listener of [...listeners]) listener(event);
  };
  async function request(method, url, body) {
    const headers = { Authorization: `Bearer ${options.token}`, Accept: "application/json" };
    if (body !== void 0) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetchImpl(url, { method, headers, body: body === void 0 ? void 0 : JSON.stringify(body) });
    } catch (cause) {
      throw new InboxError(0, `Network error calling ${method} ${url}: ${String(cause)}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let problem;
      try {
        problem = text ? JSON.parse(text) : void 0;
      } catch {
        problem = void 0;
      }
      throw new InboxError(response.status, problem?.detail ?? problem?.title ?? `${method} ${url} answered ${response.status}`, problem);
    }
    return text ? JSON.parse(text) : void 0;
  }
  const query = (q) => {
    const params = new URLSearchParams();
    if (q.cursor) params.set("cursor", q.cursor);
    if (q.limit !== void 0) params.set("limit", String(q.limit));
    if (q.state && q.state !== "active") params.set("state", q.state);
    if (q.category) params.set("category", q.category);
    if (q.tag) params.set("tag", q.tag);
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  const patch = (id, body) => request("PATCH", `${inboxUrl}/${encodeURIComponent(id)}`, body);
  async function optimisticPatch(id, body, change) {
    const revert = store.changeItem(id, change);
    try {
      await patch(id, body);
    } catch (error) {
      revert();
      emit({ type: "error", error });
      throw error;
    }
  }
  const client = {
    store,
    async list(q = {}) {
      return normalizePage(await request("GET", inboxUrl + query(q)));
    },
    async counts() {
      const raw = await request("GET", `${inboxUrl}/counts`);
      const counts = { unread: Number(raw.unread ?? 0), unseen: Number(raw.unseen ?? 0) };
      store.setCounts(counts.unread, counts.unseen);
      return counts;
    },
    async markSeen() {
      const now = (/* @__PURE__ */ new Date()).toISOString();
      const revert = store.optimistic((state) => ({ unseen: 0, items: state.items.map((i) => i.seenAt ? i : { ...i, seenAt: now }) }));
      try {
        return (await request("POST", `${inboxUrl}/seen`)).updated ?? 0;
      } catch (error) {
        if (error instanceof InboxError && (error.status === 404 || error.status === 405)) {
          return 0;
        }
        revert();
        emit({ type: "error", error });
        throw error;
      }
    },
    markRead(id, read = true) {
      return optimisticPatch(id, { read }, (item) => ({ ...item, readAt: read ? item.readAt ?? (/* @__PURE__ */ new Date()).toISOString() : null }));
    },
    async markAllRead() {
      const now = (/* @__PURE__ */ new Date()).toISOString();
      const revert = store.optimistic((state) => ({ unread: 0, items: state.items.map((i) => i.readAt ? i : { ...i, readAt: now }) }));
      try {
        return (await request("POST", `${inboxUrl}/read-all`)).updated ?? 0;
      } catch (error) {
        revert();
        emit({ type: "error", error });
        throw error;
      }
    },
    archive(id) {
      return optimisticPatch(id, { archived: true }, (item) => ({ ...item, archivedAt: (/* @__PURE__ */ new Date()).toISOString() }));
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
      const raw = await request("POST", `${inboxUrl}/${encodeURIComponent(id)}/actions/${encodeURIComponent(actionId)}`);
      return { url: raw?.url ?? null };
    },
    async bulk(action, filter = {}) {
      const body = { action, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== void 0 && v !== null)) };
      const updated = (await request("POST", `${inboxUrl}/bulk`, body)).updated ?? 0;
      await client.load(store.snapshot.filter);
      return updated;
    },
    async getPreferences() {
      return normalizePreferences(await request("GET", preferencesUrl));
    },
    async updatePreferences(preferences) {
      return normalizePreferences(await request("PUT", preferencesUrl, preferences));
    },
    async load(filter = store.snapshot.filter) {
      const generation = ++loadGeneration;
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
        const factory = options.eventSource ?? globalThis.EventSource;
        if (!factory) throw new InboxError(0, "No EventSource: pass options.eventSource.");
        live = new LiveConnection({
          streamUrl: `${inboxUrl}/stream`,
          token: options.token,
          eventSource: factory,
          initialDelayMs: options.reconnect?.initialDelayMs ?? 500,
          maxDelayMs: options.reconnect?.maxDelayMs ?? 3e4,
          setTimer: (fn, ms) => setTimeout(fn, ms),
          clearTimer: (handle) => clearTimeout(handle),
          onStatus: (status, attempt, delayMs) => emit({ type: "connection", status, attempt, delayMs }),
          onResumeWithoutCursor: () => {
            client.load(store.snapshot.filter).catch(() => void 0);
          },
          onEvent: (event) => {
            const isNew = store.applyEvent(event);
            const item = event.notification;
            if (event.kind === "notification" && item) emit({ type: "notification", item, isNew });
            else if (event.kind === "updated" && item) emit({ type: "updated", item });
            emit({ type: "counts", unread: store.snapshot.unread, unseen: store.snapshot.unseen });
          }
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
    }
  };
  return client;
}
function sameFilter(a, b) {
  const left = { state: "active", ...a };
  const right = { state: "active", ...b };
  const keys = /* @__PURE__ */ new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => (left[key] ?? null) === (right[key] ?? null));
}

// src/i18n.ts
var en = {
  bell: "Notifications",
  bellWithCount: (n) => `Notifications, ${n} new`,
  title: "Notifications",
  tabAll: "All",
  tabUnread: "Unread",
  tabArchived: "Archived",
  markRead: "Mark as read",
  markUnread: "Mark as unread",
  markAllRead: "Mark all as read",
  archive: "Archive",
  unarchive: "Move to inbox",
  snooze: "Snooze",
  loadMore: "Load more",
  loading: "Loading…",
  empty: "You're all caught up.",
  error: "The notifications could not be loaded.",
  retry: "Retry",
  close: "Close",
  preferences: "Preferences",
  back: "Back",
  save: "Save",
  saved: "Preferences saved.",
  channelsHeading: "Channels",
  everything: "All categories",
  channels: { inApp: "In-app", push: "Push", email: "Email", sms: "SMS", webhook: "Webhook" },
  quietHours: "Quiet hours",
  quietStart: "From",
  quietEnd: "To",
  quietMode: "During quiet hours",
  quietDefer: "Hold until they end",
  quietInboxOnly: "Inbox only",
  newNotification: (t) => `New notification: ${t}`,
  unread: "Unread",
  reconnecting: "Reconnecting…"
};
var fr = {
  bell: "Notifications",
  bellWithCount: (n) => `Notifications, ${n} nouvelle${n > 1 ? "s" : ""}`,
  title: "Notifications",
  tabAll: "Toutes",
  tabUnread: "Non lues",
  tabArchived: "Archivées",
  markRead: "Marquer comme lue",
  markUnread: "Marquer comme non lue",
  markAllRead: "Tout marquer comme lu",
  archive: "Archiver",
  unarchive: "Remettre dans la boîte",
  snooze: "Reporter",
  loadMore: "Afficher plus",
  loading: "Chargement…",
  empty: "Vous êtes à jour.",
  error: "Impossible de charger les notifications.",
  retry: "Réessayer",
  close: "Fermer",
  preferences: "Préférences",
  back: "Retour",
  save: "Enregistrer",
  saved: "Préférences enregistrées.",
  channelsHeading: "Canaux",
  everything: "Toutes les catégories",
  channels: { inApp: "Dans l'appli", push: "Push", email: "E-mail", sms: "SMS", webhook: "Webhook" },
  quietHours: "Heures calmes",
  quietStart: "De",
  quietEnd: "À",
  quietMode: "Pendant les heures calmes",
  quietDefer: "Retenir jusqu'à la fin",
  quietInboxOnly: "Boîte de réception seulement",
  newNotification: (t) => `Nouvelle notification : ${t}`,
  unread: "Non lue",
  reconnecting: "Reconnexion…"
};
var catalogues = { en, fr };
function stringsFor(locale) {
  const language = (locale ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return catalogues[language] ?? en;
}
function relativeTime(iso, locale, now = Date.now()) {
  const seconds = Math.round((Date.parse(iso) - now) / 1e3);
  const format = new Intl.RelativeTimeFormat(locale || void 0, { numeric: "auto" });
  const units = [["year", 31536e3], ["month", 2592e3], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.abs(seconds) < 10 ? 0 : seconds, "second");
}

// src/styles.ts
var styles = `
:host {
  --inbox-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --inbox-bg: #ffffff;
  --inbox-fg: #1b1f24;
  --inbox-muted: #5c6670;
  --inbox-border: #d8dde3;
  --inbox-hover: #f2f4f7;
  --inbox-unread-bg: #eef5ff;
  --inbox-accent: #2563eb;
  --inbox-accent-fg: #ffffff;
  --inbox-badge-bg: #d92d20;
  --inbox-badge-fg: #ffffff;
  --inbox-danger: #b42318;
  --inbox-radius: 10px;
  --inbox-shadow: 0 12px 32px rgba(15, 23, 42, 0.18);
  --inbox-panel-width: 380px;
  --inbox-panel-max-height: 520px;
  --inbox-bell-size: 40px;
  --inbox-z-index: 1000;
  display: inline-block;
  position: relative;
  font-family: var(--inbox-font);
  color: var(--inbox-fg);
}
:host([theme="dark"]) {
  --inbox-bg: #161b22;
  --inbox-fg: #e6edf3;
  --inbox-muted: #9aa5b1;
  --inbox-border: #30363d;
  --inbox-hover: #1f2630;
  --inbox-unread-bg: #1b2a41;
  --inbox-accent: #58a6ff;
  --inbox-accent-fg: #0d1117;
  --inbox-shadow: 0 12px 32px rgba(0, 0, 0, 0.5);
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"]):not([theme="dark"])) {
    --inbox-bg: #161b22;
    --inbox-fg: #e6edf3;
    --inbox-muted: #9aa5b1;
    --inbox-border: #30363d;
    --inbox-hover: #1f2630;
    --inbox-unread-bg: #1b2a41;
    --inbox-accent: #58a6ff;
    --inbox-accent-fg: #0d1117;
    --inbox-shadow: 0 12px 32px rgba(0, 0, 0, 0.5);
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 2px solid var(--inbox-accent); outline-offset: 2px; }
.bell {
  position: relative; width: var(--inbox-bell-size); height: var(--inbox-bell-size);
  border-radius: 50%; border: 1px solid var(--inbox-border); background: var(--inbox-bg); color: var(--inbox-fg);
  display: inline-flex; align-items: center; justify-content: center;
}
.bell svg { width: 60%; height: 60%; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: var(--inbox-badge-bg); color: var(--inbox-badge-fg); font-size: 12px; font-weight: 700; line-height: 20px; text-align: center;
}
.panel {
  position: absolute; right: 0; top: calc(var(--inbox-bell-size) + 8px); z-index: var(--inbox-z-index);
  width: var(--inbox-panel-width); max-width: calc(100vw - 16px); max-height: var(--inbox-panel-max-height);
  display: flex; flex-direction: column; background: var(--inbox-bg); color: var(--inbox-fg);
  border: 1px solid var(--inbox-border); border-radius: var(--inbox-radius); box-shadow: var(--inbox-shadow); overflow: hidden;
}
header { display: flex; align-items: center; gap: 4px; padding: 10px 12px; border-bottom: 1px solid var(--inbox-border); }
header h2 { flex: 1; margin: 0; font-size: 16px; }
.link { background: none; border: none; color: var(--inbox-accent); padding: 4px 6px; border-radius: 6px; font-size: 13px; }
.link:hover { background: var(--inbox-hover); }
[role="tablist"] { display: flex; gap: 2px; padding: 6px 8px 0; border-bottom: 1px solid var(--inbox-border); overflow-x: auto; }
[role="tab"] { background: none; border: none; border-bottom: 2px solid transparent; padding: 6px 10px; color: var(--inbox-muted); font-size: 13px; white-space: nowrap; }
[role="tab"][aria-selected="true"] { color: var(--inbox-fg); border-bottom-color: var(--inbox-accent); font-weight: 600; }
.scroll { overflow-y: auto; flex: 1; }
[role="feed"] { list-style: none; margin: 0; padding: 0; }
article { display: flex; gap: 10px; padding: 10px 12px; border-bottom: 1px solid var(--inbox-border); }
article:hover { background: var(--inbox-hover); }
article.unread { background: var(--inbox-unread-bg); }
.dot { flex: none; width: 8px; height: 8px; margin-top: 6px; border-radius: 50%; background: transparent; }
article.unread .dot { background: var(--inbox-accent); }
.content { flex: 1; min-width: 0; }
.title { margin: 0; font-weight: 600; font-size: 14px; }
.body { margin: 2px 0 0; font-size: 13px; color: var(--inbox-muted); overflow-wrap: anywhere; }
time { display: block; margin-top: 4px; font-size: 12px; color: var(--inbox-muted); }
.actions { display: flex; gap: 6px; margin-top: 6px; }
.action { border: 1px solid var(--inbox-accent); background: var(--inbox-accent); color: var(--inbox-accent-fg); border-radius: 6px; padding: 3px 10px; font-size: 12px; }
.action.secondary { background: transparent; color: var(--inbox-accent); }
.controls { display: flex; flex-direction: column; gap: 2px; align-items: flex-end; }
.icon { background: none; border: 1px solid transparent; border-radius: 6px; padding: 2px 6px; font-size: 12px; color: var(--inbox-muted); }
.icon:hover { border-color: var(--inbox-border); color: var(--inbox-fg); }
.snooze-menu { display: flex; flex-direction: column; gap: 2px; }
.state { padding: 24px 16px; text-align: center; color: var(--inbox-muted); font-size: 14px; }
.state.error { color: var(--inbox-danger); }
.more { display: block; width: 100%; padding: 8px; border: none; background: none; color: var(--inbox-accent); }
.prefs { padding: 12px; overflow-y: auto; font-size: 13px; }
.prefs table { border-collapse: collapse; width: 100%; }
.prefs th, .prefs td { padding: 4px; text-align: center; border-bottom: 1px solid var(--inbox-border); }
.prefs th:first-child, .prefs td:first-child { text-align: left; }
.prefs fieldset { border: 1px solid var(--inbox-border); border-radius: 8px; margin: 12px 0; }
.prefs label { display: inline-flex; align-items: center; gap: 4px; margin: 4px 8px 4px 0; }
.prefs input, .prefs select { font: inherit; color: inherit; background: var(--inbox-bg); border: 1px solid var(--inbox-border); border-radius: 4px; }
.primary { background: var(--inbox-accent); color: var(--inbox-accent-fg); border: none; border-radius: 6px; padding: 6px 14px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

// src/types.ts
var CHANNELS = ["inApp", "push", "email", "sms", "webhook"];

// src/element.ts
var BELL_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>`;
function parseDuration(text) {
  const match = /^\s*(\d+)\s*([smhdw])\s*$/.exec(text);
  if (!match) return null;
  const size = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[match[2]];
  return Number(match[1]) * size;
}
function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  if (text !== void 0) node.textContent = text;
  return node;
}
function createInboxElementClass() {
  return class NotificationInboxElement extends HTMLElement {
    constructor() {
      super();
      __publicField(this, "root");
      __publicField(this, "client", null);
      __publicField(this, "unsubscribe", null);
      __publicField(this, "unwatchStore", null);
      __publicField(this, "open", false);
      __publicField(this, "view", "feed");
      /** The view the panel shows now; a rebuild of the same view keeps its scroll position. */
      __publicField(this, "renderedView", null);
      __publicField(this, "tabKey", "");
      __publicField(this, "preferences", null);
      __publicField(this, "prefsMessage", "");
      // The open snooze menu is element state, not DOM state: any store change re-renders the feed and must not close it.
      __publicField(this, "snoozeMenuFor", null);
      __publicField(this, "clock", null);
      __publicField(this, "bell");
      __publicField(this, "badge");
      __publicField(this, "panel");
      __publicField(this, "live");
      __publicField(this, "onDocumentClick", (event) => {
        if (this.open && !event.composedPath().includes(this)) this.setOpen(false);
      });
      this.root = this.attachShadow({ mode: "open" });
      const style = el("style");
      style.textContent = styles;
      this.bell = el("button", { class: "bell", part: "bell", type: "button", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "panel" });
      this.bell.innerHTML = BELL_ICON;
      this.badge = el("span", { class: "badge", part: "badge", "aria-hidden": "true" });
      this.badge.hidden = true;
      this.bell.append(this.badge);
      this.bell.addEventListener("click", () => this.setOpen(!this.open));
      this.panel = el("div", { class: "panel", part: "panel", id: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "inbox-title" });
      this.panel.hidden = true;
      this.panel.addEventListener("keydown", (event) => this.onKeyDown(event));
      this.live = el("div", { class: "sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" });
      this.root.append(style, this.bell, this.panel, this.live);
    }
    static get observedAttributes() {
      return ["base-url", "user-id", "token", "locale", "tabs", "theme", "snooze-presets"];
    }
    /** The headless client behind the element (null until base-url, user-id and token are set). */
    get inboxClient() {
      return this.client;
    }
    get strings() {
      return stringsFor(this.locale);
    }
    get locale() {
      return this.getAttribute("locale") || (typeof navigator !== "undefined" ? navigator.language : "en");
    }
    connectedCallback() {
      document.addEventListener("click", this.onDocumentClick);
      this.connectClient();
      this.renderBell();
    }
    disconnectedCallback() {
      document.removeEventListener("click", this.onDocumentClick);
      this.disconnectClient();
      this.stopClock();
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.isConnected) return;
      if (name === "base-url" || name === "user-id" || name === "token") {
        this.disconnectClient();
        this.connectClient();
      }
      this.renderBell();
      if (this.open) this.renderPanel();
    }
    connectClient() {
      const userId = this.getAttribute("user-id");
      const token = this.getAttribute("token");
      if (!userId || !token) return;
      const baseUrl = this.getAttribute("base-url") || location.origin;
      const client = createInboxClient({ baseUrl, userId, token });
      this.client = client;
      this.unwatchStore = client.store.onChange(() => {
        this.renderBell();
        if (this.open && this.view === "feed") this.renderPanel();
      });
      this.unsubscribe = client.subscribe((event) => {
        if (event.type === "notification" && event.isNew) {
          this.live.textContent = this.strings.newNotification(event.item.title);
          this.emit("inbox-notification", { notification: event.item });
        } else if (event.type === "error") {
          this.emit("inbox-error", { error: event.error });
        } else if (event.type === "connection") {
          this.setAttribute("data-connection", event.status);
        }
      });
      client.load(this.currentTab().filter).catch(() => void 0);
    }
    disconnectClient() {
      this.unsubscribe?.();
      this.unwatchStore?.();
      this.unsubscribe = null;
      this.unwatchStore = null;
      this.client = null;
    }
    emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }
    tabs() {
      const s = this.strings;
      const spec = this.getAttribute("tabs") || "all,unread,archived";
      const tabs = [];
      for (const raw of spec.split(",").map((t) => t.trim()).filter(Boolean)) {
        const [kind, value] = raw.includes(":") ? [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)] : [raw, ""];
        if (kind === "all") tabs.push({ key: raw, label: s.tabAll, filter: { state: "active" } });
        else if (kind === "unread") tabs.push({ key: raw, label: s.tabUnread, filter: { state: "unread" } });
        else if (kind === "archived") tabs.push({ key: raw, label: s.tabArchived, filter: { state: "archived" } });
        else if (kind === "category" && value) tabs.push({ key: raw, label: value.charAt(0).toUpperCase() + value.slice(1), filter: { state: "active", category: value } });
        else if (kind === "tag" && value) tabs.push({ key: raw, label: `#${value}`, filter: { state: "active", tag: value } });
      }
      return tabs.length > 0 ? tabs : [{ key: "all", label: s.tabAll, filter: { state: "active" } }];
    }
    currentTab() {
      const tabs = this.tabs();
      return tabs.find((t) => t.key === this.tabKey) ?? tabs[0];
    }
    setOpen(open) {
      if (this.open === open) return;
      this.open = open;
      this.snoozeMenuFor = null;
      this.bell.setAttribute("aria-expanded", String(open));
      this.panel.hidden = !open;
      if (open) {
        this.view = "feed";
        this.renderedView = null;
        this.renderPanel();
        this.client?.markSeen().catch(() => void 0);
        this.startClock();
        (this.panel.querySelector("[role=tab][aria-selected=true]") ?? this.panel).focus();
        this.emit("inbox-open", {});
      } else {
        this.stopClock();
        this.bell.focus();
        this.emit("inbox-close", {});
      }
    }
    startClock() {
      this.stopClock();
      this.clock = setInterval(() => {
        for (const time of this.panel.querySelectorAll("time[datetime]")) {
          time.textContent = relativeTime(time.dateTime, this.locale);
        }
      }, 3e4);
    }
    stopClock() {
      if (this.clock !== null) clearInterval(this.clock);
      this.clock = null;
    }
    renderBell() {
      const unseen = this.client?.store.snapshot.unseen ?? 0;
      this.badge.hidden = unseen === 0;
      this.badge.textContent = unseen > 99 ? "99+" : String(unseen);
      this.bell.setAttribute("aria-label", unseen > 0 ? this.strings.bellWithCount(unseen) : this.strings.bell);
      this.bell.dataset.unseen = String(unseen);
    }
    renderPanel() {
      const focused = this.root.activeElement;
      const focusKey = focused?.dataset.focusKey;
      const scrolledTo = this.renderedView === this.view ? this.panel.querySelector(".scroll")?.scrollTop ?? 0 : 0;
      this.panel.replaceChildren(...this.view === "prefs" ? this.renderPreferences() : this.renderFeed());
      this.renderedView = this.view;
      const scroll = this.panel.querySelector(".scroll");
      if (scroll) scroll.scrollTop = scrolledTo;
      if (focusKey) this.panel.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true });
    }
    renderHeader(title, buttons) {
      const header = el("header");
      header.append(el("h2", { id: "inbox-title" }, title), ...buttons);
      const close = el("button", { class: "link", type: "button", "aria-label": this.strings.close, "data-focus-key": "close" }, "✕");
      close.addEventListener("click", () => this.setOpen(false));
      header.append(close);
      return header;
    }
    renderFeed() {
      const s = this.strings;
      const state = this.client?.store.snapshot;
      const markAll = el("button", { class: "link", type: "button", "data-focus-key": "mark-all" }, s.markAllRead);
      markAll.addEventListener("click", () => this.client?.markAllRead().catch(() => void 0));
      const prefs = el("button", { class: "link", type: "button", "data-focus-key": "prefs" }, s.preferences);
      prefs.addEventListener("click", () => this.showPreferences());
      const header = this.renderHeader(s.title, [markAll, prefs]);
      const tablist = el("div", { role: "tablist", "aria-label": s.title });
      const current = this.currentTab();
      for (const tab of this.tabs()) {
        const selected = tab.key === current.key;
        const button = el("button", { role: "tab", type: "button", "aria-selected": String(selected), tabindex: selected ? "0" : "-1", "data-focus-key": `tab:${tab.key}`, "aria-controls": "feed" }, tab.label);
        button.addEventListener("click", () => this.selectTab(tab.key));
        tablist.append(button);
      }
      const scroll = el("div", { class: "scroll" });
      const feed = el("div", { role: "feed", id: "feed", "aria-busy": String(state?.loading ?? true), "aria-label": current.label });
      const items = state?.items ?? [];
      items.forEach((item, index) => feed.append(this.renderItem(item, index, items.length)));
      scroll.append(feed);
      if (!state || state.loading && items.length === 0) {
        scroll.append(el("div", { class: "state", role: "status" }, s.loading));
      } else if (state.error && items.length === 0) {
        const box = el("div", { class: "state error", role: "alert" }, s.error + " ");
        const retry = el("button", { class: "link", type: "button", "data-focus-key": "retry" }, s.retry);
        retry.addEventListener("click", () => this.client?.load(current.filter).catch(() => void 0));
        box.append(retry);
        scroll.append(box);
      } else if (state.loaded && items.length === 0) {
        scroll.append(el("div", { class: "state empty" }, s.empty));
      }
      if (state?.nextCursor) {
        const more = el("button", { class: "more", type: "button", "data-focus-key": "more" }, state.loading ? s.loading : s.loadMore);
        more.addEventListener("click", () => this.client?.loadMore().catch(() => void 0));
        scroll.append(more);
        if (typeof IntersectionObserver !== "undefined" && !state.loading) {
          const observer = new IntersectionObserver((entries) => {
            if (entries.some((e) => e.isIntersecting)) {
              observer.disconnect();
              this.client?.loadMore().catch(() => void 0);
            }
          }, { root: scroll });
          observer.observe(more);
        }
      }
      return [header, tablist, scroll];
    }
    renderItem(item, index, count) {
      const s = this.strings;
      const article = el("article", {
        class: item.readAt ? "item" : "item unread",
        tabindex: "-1",
        "aria-posinset": String(index + 1),
        "aria-setsize": String(count),
        "aria-labelledby": `t-${item.id}`,
        "aria-describedby": `b-${item.id}`,
        "data-id": item.id,
        "data-focus-key": `item:${item.id}`,
        part: "item"
      });
      if (index === 0) article.tabIndex = 0;
      article.append(el("span", { class: "dot", "aria-hidden": "true" }));
      const content = el("div", { class: "content" });
      content.append(el("p", { class: "title", id: `t-${item.id}` }, item.title), el("p", { class: "body", id: `b-${item.id}` }, item.body));
      const time = el("time", { datetime: item.createdAt, title: new Date(item.createdAt).toLocaleString(this.locale) }, relativeTime(item.createdAt, this.locale));
      content.append(time);
      if (item.actions.length > 0) {
        const actions = el("div", { class: "actions" });
        item.actions.slice(0, 2).forEach((action, i) => {
          const button = el("button", { class: i === 0 ? "action" : "action secondary", type: "button", "data-action": action.id, "data-focus-key": `action:${item.id}:${action.id}` }, action.label);
          button.addEventListener("click", (event) => {
            event.stopPropagation();
            this.runAction(item, action.id);
          });
          actions.append(button);
        });
        content.append(actions);
      }
      const controls = el("div", { class: "controls" });
      const read = el("button", { class: "icon", type: "button", "data-control": "read", "data-focus-key": `read:${item.id}` }, item.readAt ? s.markUnread : s.markRead);
      read.addEventListener("click", (event) => {
        event.stopPropagation();
        this.client?.markRead(item.id, item.readAt === null).catch(() => void 0);
      });
      const archived = item.archivedAt !== null;
      const archive = el("button", { class: "icon", type: "button", "data-control": "archive", "data-focus-key": `archive:${item.id}` }, archived ? s.unarchive : s.archive);
      archive.addEventListener("click", (event) => {
        event.stopPropagation();
        (archived ? this.client?.unarchive(item.id) : this.client?.archive(item.id))?.catch(() => void 0);
      });
      controls.append(read, archive);
      if (!archived) controls.append(this.renderSnooze(item));
      article.append(content, controls);
      article.addEventListener("click", () => {
        if (!item.readAt) this.client?.markRead(item.id, true).catch(() => void 0);
      });
      return article;
    }
    renderSnooze(item) {
      const s = this.strings;
      const wrapper = el("div", { class: "snooze" });
      const toggle = el("button", { class: "icon", type: "button", "aria-expanded": "false", "data-control": "snooze", "data-focus-key": `snooze:${item.id}` }, s.snooze);
      const menu = el("div", { class: "snooze-menu", role: "menu", "aria-label": s.snooze });
      menu.hidden = this.snoozeMenuFor !== item.id;
      toggle.setAttribute("aria-expanded", String(!menu.hidden));
      const presets = (this.getAttribute("snooze-presets") || "1h,1d,7d").split(",").map((p) => p.trim()).filter((p) => parseDuration(p) !== null);
      const format = new Intl.RelativeTimeFormat(this.locale, { numeric: "auto" });
      for (const preset of presets) {
        const ms = parseDuration(preset);
        const [amount, unit] = ms % 6048e5 === 0 ? [ms / 6048e5, "week"] : ms % 864e5 === 0 ? [ms / 864e5, "day"] : ms % 36e5 === 0 ? [ms / 36e5, "hour"] : ms % 6e4 === 0 ? [ms / 6e4, "minute"] : [ms / 1e3, "second"];
        const option = el("button", { class: "icon", type: "button", role: "menuitem", "data-snooze": preset, "data-focus-key": `snooze:${item.id}:${preset}` }, format.format(amount, unit));
        option.addEventListener("click", (event) => {
          event.stopPropagation();
          this.snoozeMenuFor = null;
          this.client?.snooze(item.id, new Date(Date.now() + ms)).catch(() => void 0);
        });
        menu.append(option);
      }
      toggle.addEventListener("click", (event) => {
        event.stopPropagation();
        this.snoozeMenuFor = this.snoozeMenuFor === item.id ? null : item.id;
        this.renderPanel();
        if (this.snoozeMenuFor === item.id) this.panel.querySelector(`[data-focus-key="${CSS.escape(`snooze:${item.id}:${presets[0]}`)}"]`)?.focus();
      });
      wrapper.append(toggle, menu);
      return wrapper;
    }
    runAction(item, actionId) {
      const client = this.client;
      if (!client) return;
      client.runAction(item.id, actionId).then(({ url }) => {
        this.emit("inbox-action", { notification: item, actionId, url });
        if (!item.readAt) client.markRead(item.id, true).catch(() => void 0);
        if (url) window.open(url, "_blank", "noopener");
      }).catch((error) => this.emit("inbox-error", { error }));
    }
    selectTab(key) {
      this.tabKey = key;
      this.client?.load(this.currentTab().filter).catch(() => void 0);
      this.renderPanel();
      this.panel.querySelector(`[data-focus-key="${CSS.escape(`tab:${key}`)}"]`)?.focus();
    }
    showPreferences() {
      this.view = "prefs";
      this.prefsMessage = "";
      this.preferences = null;
      this.renderPanel();
      this.client?.getPreferences().then((p) => {
        this.preferences = p;
        if (this.view === "prefs") this.renderPanel();
      }).catch(() => {
        this.prefsMessage = this.strings.error;
        if (this.view === "prefs") this.renderPanel();
      });
    }
    categories() {
      const names = new Set(Object.keys(this.preferences?.categories ?? {}));
      for (const tab of this.tabs()) if (tab.filter.category) names.add(tab.filter.category);
      for (const item of this.client?.store.snapshot.items ?? []) names.add(item.category);
      return [...names].sort();
    }
    renderPreferences() {
      const s = this.strings;
      const back = el("button", { class: "link", type: "button", "data-focus-key": "back" }, s.back);
      back.addEventListener("click", () => {
        this.view = "feed";
        this.renderPanel();
      });
      const header = this.renderHeader(s.preferences, [back]);
      const body = el("form", { class: "prefs", "aria-label": s.preferences });
      const prefs = this.preferences;
      if (!prefs) {
        body.append(el("div", { class: "state", role: this.prefsMessage ? "alert" : "status" }, this.prefsMessage || s.loading));
        return [header, body];
      }
      const table = el("table");
      const head = el("tr");
      head.append(el("th", { scope: "col" }, s.channelsHeading));
      for (const channel of CHANNELS) head.append(el("th", { scope: "col" }, s.channels[channel] ?? channel));
      table.append(head);
      const rows = [[null, s.everything], ...this.categories().map((c) => [c, c])];
      for (const [category, label] of rows) {
        const row = el("tr");
        row.append(el("th", { scope: "row" }, label));
        for (const channel of CHANNELS) {
          const global = prefs.channels[channel] ?? true;
          const checked = category === null ? global : prefs.categories[category]?.channels[channel] ?? global;
          const box = el("input", { type: "checkbox", "data-category": category ?? "*", "data-channel": channel, "aria-label": `${label} · ${s.channels[channel] ?? channel}` });
          box.checked = checked;
          const cell = el("td");
          cell.append(box);
          row.append(cell);
        }
        table.append(row);
      }
      body.append(table);
      const quiet = el("fieldset");
      quiet.append(el("legend", {}, s.quietHours));
      const enabled = el("input", { type: "checkbox", name: "quiet-enabled" });
      enabled.checked = prefs.quietHours !== null;
      const enabledLabel = el("label");
      enabledLabel.append(enabled, document.createTextNode(s.quietHours));
      const start = el("input", { type: "time", name: "quiet-start", value: prefs.quietHours?.start ?? "22:00" });
      const end = el("input", { type: "time", name: "quiet-end", value: prefs.quietHours?.end ?? "07:00" });
      const mode = el("select", { name: "quiet-mode" });
      for (const [value, text] of [["defer", s.quietDefer], ["inboxOnly", s.quietInboxOnly]]) {
        const option = el("option", { value }, text);
        option.selected = (prefs.quietHours?.mode ?? "defer") === value;
        mode.append(option);
      }
      const startLabel = el("label", {}, s.quietStart + " ");
      startLabel.append(start);
      const endLabel = el("label", {}, s.quietEnd + " ");
      endLabel.append(end);
      const modeLabel = el("label", {}, s.quietMode + " ");
      modeLabel.append(mode);
      quiet.append(enabledLabel, el("br"), startLabel, endLabel, el("br"), modeLabel);
      body.append(quiet);
      const save = el("button", { class: "primary", type: "submit", "data-focus-key": "save" }, s.save);
      const message = el("span", { role: "status" }, this.prefsMessage);
      body.append(save, document.createTextNode(" "), message);
      body.addEventListener("submit", (event) => {
        event.preventDefault();
        this.savePreferences(body, prefs);
      });
      return [header, body];
    }
    savePreferences(form, previous) {
      var _a, _b;
      const next = { channels: {}, categories: {}, quietHours: null };
      const boxes = [...form.querySelectorAll("input[data-channel]")];
      for (const box of boxes.filter((b) => b.dataset.category === "*")) {
        next.channels[box.dataset.channel] = box.checked;
      }
      for (const box of boxes.filter((b) => b.dataset.category !== "*")) {
        const category = box.dataset.category;
        const channel = box.dataset.channel;
        const entry = (_a = next.categories)[category] ?? (_a[category] = { channels: {}, digest: previous.categories[category]?.digest ?? "instant" });
        if (box.checked !== (next.channels[channel] ?? true)) entry.channels[channel] = box.checked;
      }
      for (const [name, value2] of Object.entries(previous.categories)) (_b = next.categories)[name] ?? (_b[name] = value2);
      const value = (name) => form.querySelector(`[name="${name}"]`).value;
      if (form.querySelector('[name="quiet-enabled"]').checked) {
        next.quietHours = { start: value("quiet-start"), end: value("quiet-end"), mode: value("quiet-mode") };
      }
      this.client?.updatePreferences(next).then((saved) => {
        this.preferences = saved;
        this.prefsMessage = this.strings.saved;
        this.emit("inbox-preferences", { preferences: saved });
      }).catch((error) => {
        this.prefsMessage = error instanceof Error ? error.message : this.strings.error;
        this.emit("inbox-error", { error });
      }).finally(() => {
        if (this.view === "prefs") this.renderPanel();
      });
    }
    onKeyDown(event) {
      const target = event.composedPath()[0];
      if (event.key === "Escape") {
        event.preventDefault();
        this.setOpen(false);
        return;
      }
      if (target.getAttribute("role") === "tab" && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
        const tabs = [...this.panel.querySelectorAll("[role=tab]")];
        const next = tabs[(tabs.indexOf(target) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        event.preventDefault();
        if (next?.dataset.focusKey) this.selectTab(next.dataset.focusKey.slice(4));
        return;
      }
      const articles = [...this.panel.querySelectorAll("article")];
      const article = target.closest("article");
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (articles.length === 0) return;
        event.preventDefault();
        const index = article ? articles.indexOf(article) : -1;
        const nextIndex = event.key === "ArrowDown" ? Math.min(articles.length - 1, index + 1) : Math.max(0, index - 1);
        for (const a of articles) a.tabIndex = -1;
        articles[nextIndex].tabIndex = 0;
        articles[nextIndex].focus();
        return;
      }
      if ((event.key === "Enter" || event.key === " ") && article && target === article) {
        event.preventDefault();
        const id = article.dataset.id;
        const item = this.client?.store.get(id);
        if (item?.actions[0]) this.runAction(item, item.actions[0].id);
        else if (item) this.client?.markRead(id, item.readAt === null).catch(() => void 0);
      }
    }
  };
}

// src/index.ts
function defineInboxElement(tag = "notification-inbox") {
  if (typeof customElements === "undefined" || typeof HTMLElement === "undefined") return;
  if (!customElements.get(tag)) customElements.define(tag, createInboxElementClass());
}
var api = { createInboxClient, defineInboxElement, InboxError, InboxStore, matchesFilter, relativeTime, stringsFor };
if (typeof globalThis !== "undefined") {
  globalThis.NotificationInbox = api;
}
defineInboxElement();
export {
  InboxError,
  InboxStore,
  createInboxClient,
  defineInboxElement,
  matchesFilter,
  relativeTime,
  stringsFor
};
