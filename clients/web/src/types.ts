/** Shapes of the inbox API (see the repository's README and the inbox contract). Absent fields are normalised. */
export type InboxState = "active" | "unread" | "archived" | "snoozed" | "all";
export type Channel = "inApp" | "push" | "email" | "sms" | "webhook";
export const CHANNELS: readonly Channel[] = ["inApp", "push", "email", "sms", "webhook"];

export interface InboxAction {
  id: string;
  label: string;
  url: string | null;
}

export interface InboxItem {
  id: string;
  type: string | null;
  category: string;
  title: string;
  body: string;
  data: Record<string, string>;
  createdAt: string;
  readAt: string | null;
  seenAt: string | null;
  archivedAt: string | null;
  snoozedUntil: string | null;
  tags: string[];
  actions: InboxAction[];
}

export interface InboxPage {
  notifications: InboxItem[];
  nextCursor: string | null;
  unreadCount: number;
  /** Null when the server does not count unseen items (before the inbox server half). */
  unseenCount: number | null;
}

export interface Counts {
  unread: number;
  unseen: number;
}

export interface ListQuery {
  cursor?: string | null;
  limit?: number;
  state?: InboxState;
  category?: string | null;
  tag?: string | null;
}

export interface Filter {
  state?: InboxState;
  category?: string | null;
  tag?: string | null;
}

export type BulkAction = "read" | "archive" | "unarchive";

export interface CategoryPreference {
  channels: Partial<Record<Channel, boolean>>;
  digest: "instant" | "hourly" | "daily";
}

export interface QuietHours {
  start: string;
  end: string;
  mode: "defer" | "inboxOnly";
}

export interface NotificationPreferences {
  channels: Partial<Record<Channel, boolean>>;
  categories: Record<string, CategoryPreference>;
  quietHours: QuietHours | null;
}

export interface RealtimeEvent {
  kind: "unread" | "notification" | "updated";
  notification: InboxItem | null;
  unreadCount: number;
  unseenCount: number | null;
}

/** What `subscribe` listeners receive. */
export type InboxEvent =
  | { type: "notification"; item: InboxItem; isNew: boolean }
  | { type: "updated"; item: InboxItem }
  | { type: "counts"; unread: number; unseen: number }
  | { type: "connection"; status: "connecting" | "open" | "reconnecting" | "closed"; attempt: number; delayMs?: number }
  | { type: "error"; error: unknown };

/** The subset of the DOM EventSource the client uses; tests pass a fake. */
export interface EventSourceLike {
  readyState: number;
  addEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface MessageEventLike {
  data: string;
  lastEventId?: string;
}

export type EventSourceFactory = new (url: string) => EventSourceLike;
export type FetchLike = (input: string, init?: {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
