import { createInboxClient } from "./client.js";
import { createInboxElementClass } from "./element.js";
import { InboxError } from "./errors.js";
import { relativeTime, stringsFor } from "./i18n.js";
import { InboxStore, matchesFilter } from "./store.js";

export type * from "./types.js";
export type { InboxClient, InboxClientOptions } from "./client.js";
export type { StoreState } from "./store.js";

/** Defines <notification-inbox> (or another tag) once, where custom elements exist. */
export function defineInboxElement(tag = "notification-inbox"): void {
  if (typeof customElements === "undefined" || typeof HTMLElement === "undefined") return;
  if (!customElements.get(tag)) customElements.define(tag, createInboxElementClass());
}

const api = { createInboxClient, defineInboxElement, InboxError, InboxStore, matchesFilter, relativeTime, stringsFor };

// A classic <script> has no exports: it reaches the same functions through this global.
if (typeof globalThis !== "undefined") {
  (globalThis as Record<string, unknown>).NotificationInbox = api;
}
defineInboxElement();

export { createInboxClient, InboxError, InboxStore, matchesFilter, relativeTime, stringsFor };
