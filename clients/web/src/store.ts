import { newestFirst } from "./normalize.js";
import type { Filter, InboxItem, InboxPage, RealtimeEvent } from "./types.js";

export interface StoreState {
  /** The feed of the current filter, newest first, each id once. */
  items: InboxItem[];
  nextCursor: string | null;
  /** True once the first page of the current filter has arrived. */
  loaded: boolean;
  loading: boolean;
  error: unknown;
  filter: Filter;
  unread: number;
  unseen: number;
}

/** Whether an item belongs to a filter's view at a given instant (the server's definition of the states). */
export function matchesFilter(item: InboxItem, filter: Filter, now: number = Date.now()): boolean {
  const snoozed = item.snoozedUntil !== null && Date.parse(item.snoozedUntil) > now;
  const archived = item.archivedAt !== null;
  const active = !archived && !snoozed;
  switch (filter.state ?? "active") {
    case "active": if (!active) return false; break;
    case "unread": if (!active || item.readAt !== null) return false; break;
    case "archived": if (!archived) return false; break;
    case "snoozed": if (archived || !snoozed) return false; break;
    case "all": break;
  }
  if (filter.category && item.category !== filter.category) return false;
  if (filter.tag && !item.tags.includes(filter.tag)) return false;
  return true;
}

/**
 * The feed and the counts, kept consistent with pages, optimistic changes and live events. Items are keyed by
 * id, so an item delivered twice (a page and a catch-up event, or two catch-ups) appears once.
 */
export class InboxStore {
  private state: StoreState = { items: [], nextCursor: null, loaded: false, loading: false, error: null, filter: { state: "active" }, unread: 0, unseen: 0 };
  private readonly listeners = new Set<(state: StoreState) => void>();
  /** False until the server has reported an unseen count; until then unseen is counted here. */
  private serverCountsUnseen = false;

  get snapshot(): StoreState {
    return this.state;
  }

  onChange(listener: (state: StoreState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): InboxItem | undefined {
    return this.state.items.find((item) => item.id === id);
  }

  setFilter(filter: Filter): void {
    this.update({ filter: { state: "active", ...filter }, items: [], nextCursor: null, loaded: false, error: null });
  }

  setLoading(loading: boolean, error: unknown = null): void {
    this.update({ loading, error });
  }

  /** A page of the current filter: the first replaces the feed (keeping live items newer than it), later ones append. */
  applyPage(page: InboxPage, append: boolean): void {
    const incoming = page.notifications;
    let items: InboxItem[];
    if (append) {
      items = mergeById(this.state.items, incoming);
    } else {
      const oldest = incoming.length > 0 ? incoming[incoming.length - 1] : undefined;
      // Live items newer than the page's last one that the page lacks were added by events while it loaded.
      const keep = this.state.items.filter((item) => oldest === undefined || newestFirst(item, oldest) < 0);
      items = mergeById(keep, incoming);
    }
    this.update({
      items: items.filter((item) => matchesFilter(item, this.state.filter)),
      nextCursor: page.nextCursor,
      loaded: true,
      loading: false,
      error: null,
      ...this.countsFrom(page.unreadCount, page.unseenCount),
    });
  }

  setCounts(unread: number, unseen: number | null): void {
    this.update(this.countsFrom(unread, unseen));
  }

  /** Applies a stream event; returns whether a `notification` event brought an id not seen before. */
  applyEvent(event: RealtimeEvent): boolean {
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
    const counts = event.unseenCount === null && !this.serverCountsUnseen
      ? { unread: event.unreadCount, unseen: localUnseen }
      : this.countsFrom(event.unreadCount, event.unseenCount);
    this.update({ items, ...counts });
    return isNew;
  }

  /** Applies a local change at once; returns the function that undoes it if the server refuses. */
  optimistic(change: (state: StoreState) => Partial<StoreState>): () => void {
    const before = this.state;
    this.update(change(this.state));
    return () => this.update({ items: before.items, unread: before.unread, unseen: before.unseen });
  }

  /** Replaces one item (or drops it when it leaves the current view) with the unread count adjusted. */
  changeItem(id: string, change: (item: InboxItem) => InboxItem): () => void {
    return this.optimistic((state) => {
      const current = state.items.find((i) => i.id === id);
      if (!current) return {};
      const next = change(current);
      const unreadDelta = wasUnreadActive(next) - wasUnreadActive(current);
      return {
        items: state.items.flatMap((i) => (i.id !== id ? [i] : matchesFilter(next, state.filter) ? [next] : [])),
        unread: Math.max(0, state.unread + unreadDelta),
      };
    });
  }

  private countsFrom(unread: number, unseen: number | null): Pick<StoreState, "unread" | "unseen"> {
    if (unseen !== null) {
      this.serverCountsUnseen = true;
      return { unread, unseen };
    }
    return { unread, unseen: this.serverCountsUnseen ? this.state.unseen : this.state.loaded || this.state.unseen > 0 ? this.state.unseen : unread };
  }

  private update(change: Partial<StoreState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) {
      listener(this.state);
    }
  }
}

function wasUnreadActive(item: InboxItem): number {
  return item.readAt === null && matchesFilter(item, { state: "active" }) ? 1 : 0;
}

function mergeById(current: InboxItem[], incoming: InboxItem[]): InboxItem[] {
  const byId = new Map<string, InboxItem>();
  for (const item of current) byId.set(item.id, item);
  for (const item of incoming) byId.set(item.id, item);
  return [...byId.values()].sort(newestFirst);
}
