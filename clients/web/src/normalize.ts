import type { InboxItem, InboxPage, NotificationPreferences, RealtimeEvent } from "./types.js";

// The API leaves out null fields; every consumer of the client sees them as explicit nulls / empty lists.
type Raw = Record<string, unknown>;

export function normalizeItem(raw: Raw): InboxItem {
  return {
    id: String(raw.id),
    type: (raw.type as string | undefined) ?? null,
    category: (raw.category as string | undefined) ?? "general",
    title: (raw.title as string | undefined) ?? "",
    body: (raw.body as string | undefined) ?? "",
    data: (raw.data as Record<string, string> | undefined) ?? {},
    createdAt: String(raw.createdAt),
    readAt: (raw.readAt as string | undefined) ?? null,
    seenAt: (raw.seenAt as string | undefined) ?? null,
    archivedAt: (raw.archivedAt as string | undefined) ?? null,
    snoozedUntil: (raw.snoozedUntil as string | undefined) ?? null,
    tags: Array.isArray(raw.tags) ? (raw.tags as string[]) : [],
    actions: Array.isArray(raw.actions)
      ? (raw.actions as Raw[]).map((a) => ({ id: String(a.id), label: String(a.label ?? a.id), url: (a.url as string | undefined) ?? null }))
      : [],
  };
}

export function normalizePage(raw: Raw): InboxPage {
  return {
    notifications: Array.isArray(raw.notifications) ? (raw.notifications as Raw[]).map(normalizeItem) : [],
    nextCursor: (raw.nextCursor as string | undefined) ?? null,
    unreadCount: Number(raw.unreadCount ?? 0),
    unseenCount: typeof raw.unseenCount === "number" ? raw.unseenCount : null,
  };
}

export function normalizeEvent(raw: Raw, kind: string): RealtimeEvent {
  return {
    kind: ((raw.kind as string | undefined) ?? kind) as RealtimeEvent["kind"],
    notification: raw.notification ? normalizeItem(raw.notification as Raw) : null,
    unreadCount: Number(raw.unreadCount ?? 0),
    unseenCount: typeof raw.unseenCount === "number" ? raw.unseenCount : null,
  };
}

export function normalizePreferences(raw: Raw): NotificationPreferences {
  const categories: NotificationPreferences["categories"] = {};
  for (const [name, value] of Object.entries((raw.categories as Record<string, Raw> | undefined) ?? {})) {
    categories[name] = {
      channels: (value.channels as Record<string, boolean> | undefined) ?? {},
      digest: ((value.digest as string | undefined) ?? "instant") as "instant",
    };
  }
  return {
    channels: (raw.channels as Record<string, boolean> | undefined) ?? {},
    categories,
    quietHours: (raw.quietHours as NotificationPreferences["quietHours"] | undefined) ?? null,
  };
}

/** Sort order of the feed: newest first, ties broken by id so the order is stable. */
export function newestFirst(a: InboxItem, b: InboxItem): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
