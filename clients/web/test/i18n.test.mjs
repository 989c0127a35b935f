import assert from "node:assert/strict";
import { test } from "node:test";
import { matchesFilter, relativeTime, stringsFor } from "../dist/inbox.mjs";

test("fr and fr-CA choose French; anything else English", () => {
  assert.equal(stringsFor("fr").archive, "Archiver");
  assert.equal(stringsFor("fr-CA").archive, "Archiver");
  assert.equal(stringsFor("fr_BE").markAllRead, "Tout marquer comme lu");
  assert.equal(stringsFor("en-GB").archive, "Archive");
  assert.equal(stringsFor("de").archive, "Archive");
  assert.equal(stringsFor(null).archive, "Archive");
});

test("relative times use Intl.RelativeTimeFormat in the locale", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  assert.equal(relativeTime("2026-01-01T11:55:00Z", "en", now), "5 minutes ago");
  assert.equal(relativeTime("2026-01-01T11:55:00Z", "fr", now), "il y a 5 minutes");
  assert.equal(relativeTime("2025-12-31T12:00:00Z", "en", now), "yesterday");
  assert.equal(relativeTime("2026-01-01T11:59:58Z", "en", now), "now");
});

test("the states of the contract", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  const base = { id: "x", category: "security", tags: ["billing"], readAt: null, archivedAt: null, snoozedUntil: null };
  assert.ok(matchesFilter(base, { state: "active" }, now));
  assert.ok(matchesFilter(base, { state: "unread", category: "security", tag: "billing" }, now));
  assert.ok(!matchesFilter(base, { tag: "other" }, now));
  const snoozed = { ...base, snoozedUntil: "2026-01-01T13:00:00Z" };
  assert.ok(!matchesFilter(snoozed, {}, now) && matchesFilter(snoozed, { state: "snoozed" }, now));
  const woke = { ...base, snoozedUntil: "2026-01-01T11:00:00Z" };
  assert.ok(matchesFilter(woke, {}, now));
  const archived = { ...base, archivedAt: "2026-01-01T10:00:00Z" };
  assert.ok(!matchesFilter(archived, {}, now) && matchesFilter(archived, { state: "archived" }, now) && matchesFilter(archived, { state: "all" }, now));
});
