import { createInboxClient, type InboxClient } from "./client.js";
import { relativeTime, stringsFor, type Strings } from "./i18n.js";
import { styles } from "./styles.js";
import { CHANNELS, type Filter, type InboxItem, type NotificationPreferences } from "./types.js";

interface Tab {
  key: string;
  label: string;
  filter: Filter;
}

const BELL_ICON = `<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>`;

/** "10s", "15m", "1h", "1d", "7d" → milliseconds; anything else is dropped. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+)\s*([smhdw])\s*$/.exec(text);
  if (!match) return null;
  const size = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as "s"];
  return Number(match[1]) * size;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The class is made on demand, so importing the bundle where HTMLElement does not exist (node) is harmless. */
export function createInboxElementClass(): CustomElementConstructor {
  return class NotificationInboxElement extends HTMLElement {
    static get observedAttributes(): string[] {
      return ["base-url", "user-id", "token", "locale", "tabs", "theme", "snooze-presets"];
    }

    private readonly root: ShadowRoot;
    private client: InboxClient | null = null;
    private unsubscribe: (() => void) | null = null;
    private unwatchStore: (() => void) | null = null;
    private open = false;
    private view: "feed" | "prefs" = "feed";
    /** The view the panel shows now; a rebuild of the same view keeps its scroll position. */
    private renderedView: "feed" | "prefs" | null = null;
    private tabKey = "";
    private preferences: NotificationPreferences | null = null;
    private prefsMessage = "";
    // The open snooze menu is element state, not DOM state: any store change re-renders the feed and must not close it.
    private snoozeMenuFor: string | null = null;
    private clock: ReturnType<typeof setInterval> | null = null;
    private readonly bell: HTMLButtonElement;
    private readonly badge: HTMLSpanElement;
    private readonly panel: HTMLDivElement;
    private readonly live: HTMLDivElement;
    private readonly onDocumentClick = (event: Event) => {
      if (this.open && !event.composedPath().includes(this)) this.setOpen(false);
    };

    constructor() {
      super();
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

    /** The headless client behind the element (null until base-url, user-id and token are set). */
    get inboxClient(): InboxClient | null {
      return this.client;
    }

    get strings(): Strings {
      return stringsFor(this.locale);
    }

    private get locale(): string {
      return this.getAttribute("locale") || (typeof navigator !== "undefined" ? navigator.language : "en");
    }

    connectedCallback(): void {
      document.addEventListener("click", this.onDocumentClick);
      this.connectClient();
      this.renderBell();
    }

    disconnectedCallback(): void {
      document.removeEventListener("click", this.onDocumentClick);
      this.disconnectClient();
      this.stopClock();
    }

    attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
      if (oldValue === newValue || !this.isConnected) return;
      if (name === "base-url" || name === "user-id" || name === "token") {
        this.disconnectClient();
        this.connectClient();
      }
      this.renderBell();
      if (this.open) this.renderPanel();
    }

    private connectClient(): void {
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
      client.load(this.currentTab().filter).catch(() => undefined);
    }

    private disconnectClient(): void {
      this.unsubscribe?.();
      this.unwatchStore?.();
      this.unsubscribe = null;
      this.unwatchStore = null;
      this.client = null;
    }

    private emit(type: string, detail: unknown): void {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }

    private tabs(): Tab[] {
      const s = this.strings;
      const spec = this.getAttribute("tabs") || "all,unread,archived";
      const tabs: Tab[] = [];
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

    private currentTab(): Tab {
      const tabs = this.tabs();
      return tabs.find((t) => t.key === this.tabKey) ?? tabs[0]!;
    }

    private setOpen(open: boolean): void {
      if (this.open === open) return;
      this.open = open;
      this.snoozeMenuFor = null;
      this.bell.setAttribute("aria-expanded", String(open));
      this.panel.hidden = !open;
      if (open) {
        this.view = "feed";
        this.renderedView = null;
        this.renderPanel();
        this.client?.markSeen().catch(() => undefined);
        this.startClock();
        (this.panel.querySelector<HTMLElement>("[role=tab][aria-selected=true]") ?? this.panel).focus();
        this.emit("inbox-open", {});
      } else {
        this.stopClock();
        this.bell.focus();
        this.emit("inbox-close", {});
      }
    }

    private startClock(): void {
      this.stopClock();
      this.clock = setInterval(() => {
        for (const time of this.panel.querySelectorAll<HTMLTimeElement>("time[datetime]")) {
          time.textContent = relativeTime(time.dateTime, this.locale);
        }
      }, 30_000);
    }

    private stopClock(): void {
      if (this.clock !== null) clearInterval(this.clock);
      this.clock = null;
    }

    private renderBell(): void {
      const unseen = this.client?.store.snapshot.unseen ?? 0;
      this.badge.hidden = unseen === 0;
      this.badge.textContent = unseen > 99 ? "99+" : String(unseen);
      this.bell.setAttribute("aria-label", unseen > 0 ? this.strings.bellWithCount(unseen) : this.strings.bell);
      this.bell.dataset.unseen = String(unseen);
    }

    private renderPanel(): void {
      const focused = this.root.activeElement as HTMLElement | null;
      const focusKey = focused?.dataset.focusKey;
      // Every store change rebuilds the panel: without this, a seen mark or a live arrival while the reader scrolls
      // would throw the list back to its top (and the "Load more" button out of view).
      const scrolledTo = this.renderedView === this.view ? this.panel.querySelector<HTMLElement>(".scroll")?.scrollTop ?? 0 : 0;
      this.panel.replaceChildren(...(this.view === "prefs" ? this.renderPreferences() : this.renderFeed()));
      this.renderedView = this.view;
      const scroll = this.panel.querySelector<HTMLElement>(".scroll");
      if (scroll) scroll.scrollTop = scrolledTo;
      if (focusKey) this.panel.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true });
    }

    private renderHeader(title: string, buttons: HTMLElement[]): HTMLElement {
      const header = el("header");
      header.append(el("h2", { id: "inbox-title" }, title), ...buttons);
      const close = el("button", { class: "link", type: "button", "aria-label": this.strings.close, "data-focus-key": "close" }, "✕");
      close.addEventListener("click", () => this.setOpen(false));
      header.append(close);
      return header;
    }

    private renderFeed(): HTMLElement[] {
      const s = this.strings;
      const state = this.client?.store.snapshot;
      const markAll = el("button", { class: "link", type: "button", "data-focus-key": "mark-all" }, s.markAllRead);
      markAll.addEventListener("click", () => this.client?.markAllRead().catch(() => undefined));
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
      if (!state || (state.loading && items.length === 0)) {
        scroll.append(el("div", { class: "state", role: "status" }, s.loading));
      } else if (state.error && items.length === 0) {
        const box = el("div", { class: "state error", role: "alert" }, s.error + " ");
        const retry = el("button", { class: "link", type: "button", "data-focus-key": "retry" }, s.retry);
        retry.addEventListener("click", () => this.client?.load(current.filter).catch(() => undefined));
        box.append(retry);
        scroll.append(box);
      } else if (state.loaded && items.length === 0) {
        scroll.append(el("div", { class: "state empty" }, s.empty));
      }
      if (state?.nextCursor) {
        const more = el("button", { class: "more", type: "button", "data-focus-key": "more" }, state.loading ? s.loading : s.loadMore);
        more.addEventListener("click", () => this.client?.loadMore().catch(() => undefined));
        scroll.append(more);
        // Infinite scrolling: the button loads the next page by itself once it scrolls into view.
        if (typeof IntersectionObserver !== "undefined" && !state.loading) {
          const observer = new IntersectionObserver((entries) => {
            if (entries.some((e) => e.isIntersecting)) {
              observer.disconnect();
              this.client?.loadMore().catch(() => undefined);
            }
          }, { root: scroll });
          observer.observe(more);
        }
      }
      return [header, tablist, scroll];
    }

    private renderItem(item: InboxItem, index: number, count: number): HTMLElement {
      const s = this.strings;
      const article = el("article", {
        class: item.readAt ? "item" : "item unread", tabindex: "-1", "aria-posinset": String(index + 1), "aria-setsize": String(count),
        "aria-labelledby": `t-${item.id}`, "aria-describedby": `b-${item.id}`, "data-id": item.id, "data-focus-key": `item:${item.id}`, part: "item",
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
        this.client?.markRead(item.id, item.readAt === null).catch(() => undefined);
      });
      const archived = item.archivedAt !== null;
      const archive = el("button", { class: "icon", type: "button", "data-control": "archive", "data-focus-key": `archive:${item.id}` }, archived ? s.unarchive : s.archive);
      archive.addEventListener("click", (event) => {
        event.stopPropagation();
        (archived ? this.client?.unarchive(item.id) : this.client?.archive(item.id))?.catch(() => undefined);
      });
      controls.append(read, archive);
      if (!archived) controls.append(this.renderSnooze(item));
      article.append(content, controls);
      article.addEventListener("click", () => {
        if (!item.readAt) this.client?.markRead(item.id, true).catch(() => undefined);
      });
      return article;
    }

    private renderSnooze(item: InboxItem): HTMLElement {
      const s = this.strings;
      const wrapper = el("div", { class: "snooze" });
      const toggle = el("button", { class: "icon", type: "button", "aria-expanded": "false", "data-control": "snooze", "data-focus-key": `snooze:${item.id}` }, s.snooze);
      const menu = el("div", { class: "snooze-menu", role: "menu", "aria-label": s.snooze });
      menu.hidden = this.snoozeMenuFor !== item.id;
      toggle.setAttribute("aria-expanded", String(!menu.hidden));
      const presets = (this.getAttribute("snooze-presets") || "1h,1d,7d").split(",").map((p) => p.trim()).filter((p) => parseDuration(p) !== null);
      const format = new Intl.RelativeTimeFormat(this.locale, { numeric: "auto" });
      for (const preset of presets) {
        const ms = parseDuration(preset)!;
        const [amount, unit] = ms % 604_800_000 === 0 ? [ms / 604_800_000, "week"] : ms % 86_400_000 === 0 ? [ms / 86_400_000, "day"] : ms % 3_600_000 === 0 ? [ms / 3_600_000, "hour"] : ms % 60_000 === 0 ? [ms / 60_000, "minute"] : [ms / 1000, "second"];
        const option = el("button", { class: "icon", type: "button", role: "menuitem", "data-snooze": preset, "data-focus-key": `snooze:${item.id}:${preset}` }, format.format(amount, unit as Intl.RelativeTimeFormatUnit));
        option.addEventListener("click", (event) => {
          event.stopPropagation();
          this.snoozeMenuFor = null;
          this.client?.snooze(item.id, new Date(Date.now() + ms)).catch(() => undefined);
        });
        menu.append(option);
      }
      toggle.addEventListener("click", (event) => {
        event.stopPropagation();
        this.snoozeMenuFor = this.snoozeMenuFor === item.id ? null : item.id;
        this.renderPanel();
        if (this.snoozeMenuFor === item.id) this.panel.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`snooze:${item.id}:${presets[0]}`)}"]`)?.focus();
      });
      wrapper.append(toggle, menu);
      return wrapper;
    }

    private runAction(item: InboxItem, actionId: string): void {
      const client = this.client;
      if (!client) return;
      client.runAction(item.id, actionId).then(({ url }) => {
        this.emit("inbox-action", { notification: item, actionId, url });
        if (!item.readAt) client.markRead(item.id, true).catch(() => undefined);
        if (url) window.open(url, "_blank", "noopener");
      }).catch((error: unknown) => this.emit("inbox-error", { error }));
    }

    private selectTab(key: string): void {
      this.tabKey = key;
      this.client?.load(this.currentTab().filter).catch(() => undefined);
      this.renderPanel();
      this.panel.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(`tab:${key}`)}"]`)?.focus();
    }

    private showPreferences(): void {
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

    private categories(): string[] {
      const names = new Set<string>(Object.keys(this.preferences?.categories ?? {}));
      for (const tab of this.tabs()) if (tab.filter.category) names.add(tab.filter.category);
      for (const item of this.client?.store.snapshot.items ?? []) names.add(item.category);
      return [...names].sort();
    }

    private renderPreferences(): HTMLElement[] {
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
      const rows: [string | null, string][] = [[null, s.everything], ...this.categories().map((c): [string, string] => [c, c])];
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
      for (const [value, text] of [["defer", s.quietDefer], ["inboxOnly", s.quietInboxOnly]] as const) {
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

    private savePreferences(form: HTMLFormElement, previous: NotificationPreferences): void {
      const next: NotificationPreferences = { channels: {}, categories: {}, quietHours: null };
      const boxes = [...form.querySelectorAll<HTMLInputElement>("input[data-channel]")];
      for (const box of boxes.filter((b) => b.dataset.category === "*")) {
        next.channels[box.dataset.channel as keyof NotificationPreferences["channels"]] = box.checked;
      }
      for (const box of boxes.filter((b) => b.dataset.category !== "*")) {
        const category = box.dataset.category!;
        const channel = box.dataset.channel as keyof NotificationPreferences["channels"];
        const entry = (next.categories[category] ??= { channels: {}, digest: previous.categories[category]?.digest ?? "instant" });
        // A category follows the global switch unless it differs from it.
        if (box.checked !== (next.channels[channel] ?? true)) entry.channels[channel] = box.checked;
      }
      for (const [name, value] of Object.entries(previous.categories)) next.categories[name] ??= value;
      const value = (name: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!.value;
      if (form.querySelector<HTMLInputElement>('[name="quiet-enabled"]')!.checked) {
        next.quietHours = { start: value("quiet-start"), end: value("quiet-end"), mode: value("quiet-mode") as "defer" };
      }
      this.client?.updatePreferences(next).then((saved) => {
        this.preferences = saved;
        this.prefsMessage = this.strings.saved;
        this.emit("inbox-preferences", { preferences: saved });
      }).catch((error: unknown) => {
        this.prefsMessage = error instanceof Error ? error.message : this.strings.error;
        this.emit("inbox-error", { error });
      }).finally(() => {
        if (this.view === "prefs") this.renderPanel();
      });
    }

    private onKeyDown(event: KeyboardEvent): void {
      const target = event.composedPath()[0] as HTMLElement;
      if (event.key === "Escape") {
        event.preventDefault();
        this.setOpen(false);
        return;
      }
      if (target.getAttribute("role") === "tab" && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
        const tabs = [...this.panel.querySelectorAll<HTMLElement>("[role=tab]")];
        const next = tabs[(tabs.indexOf(target) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        event.preventDefault();
        if (next?.dataset.focusKey) this.selectTab(next.dataset.focusKey.slice(4));
        return;
      }
      const articles = [...this.panel.querySelectorAll<HTMLElement>("article")];
      const article = target.closest("article");
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (articles.length === 0) return;
        event.preventDefault();
        const index = article ? articles.indexOf(article as HTMLElement) : -1;
        const nextIndex = event.key === "ArrowDown" ? Math.min(articles.length - 1, index + 1) : Math.max(0, index - 1);
        for (const a of articles) a.tabIndex = -1;
        articles[nextIndex]!.tabIndex = 0;
        articles[nextIndex]!.focus();
        return;
      }
      if ((event.key === "Enter" || event.key === " ") && article && target === article) {
        event.preventDefault();
        const id = article.dataset.id!;
        const item = this.client?.store.get(id);
        if (item?.actions[0]) this.runAction(item, item.actions[0].id);
        else if (item) this.client?.markRead(id, item.readAt === null).catch(() => undefined);
      }
    }
  };
}
