import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { createInboxClient, InboxError } from "../dist/inbox.mjs";
import { FakeEventSource, FakeFetch, flush, item, json, until } from "../testing/fakes.mjs";

const BASE = "http://silo.test";
const INBOX = "/api/v1/users/ada/notifications";

function setup(extra = {}) {
  const fake = new FakeFetch();
  const client = createInboxClient({
    baseUrl: `${BASE}/`, userId: "ada", token: "tok", fetch: fake.fetch, eventSource: FakeEventSource,
    reconnect: { initialDelayMs: 1, maxDelayMs: 4 }, pageSize: 2, ...extra,
  });
  return { fake, client };
}

beforeEach(() => FakeEventSource.reset());

describe("requests", () => {
  test("list sends the query, the bearer token, and normalises absent fields", async () => {
    const { fake, client } = setup();
    fake.on("GET", INBOX, { notifications: [item("a")], nextCursor: "c1", unreadCount: 3, unseenCount: 2 });
    const page = await client.list({ cursor: "c0", limit: 5, state: "unread", category: "security", tag: "billing" });
    const call = fake.calls[0];
    assert.equal(call.path, INBOX);
    assert.equal(call.query.get("cursor"), "c0");
    assert.equal(call.query.get("limit"), "5");
    assert.equal(call.query.get("state"), "unread");
    assert.equal(call.query.get("category"), "security");
    assert.equal(call.query.get("tag"), "billing");
    assert.equal(call.headers.Authorization, "Bearer tok");
    assert.deepEqual({ ...page.notifications[0], createdAt: undefined }, {
      id: "a", type: null, category: "general", title: "title a", body: "body a", data: {}, createdAt: undefined,
      readAt: null, seenAt: null, archivedAt: null, snoozedUntil: null, tags: [], actions: [],
    });
    assert.equal(page.nextCursor, "c1");
    assert.equal(page.unreadCount, 3);
    assert.equal(page.unseenCount, 2);
  });

  test("the default state is not sent; a page without unseenCount reports null", async () => {
    const { fake, client } = setup();
    fake.on("GET", INBOX, { notifications: [], unreadCount: 0 });
    const page = await client.list({ state: "active" });
    assert.equal(fake.calls[0].query.has("state"), false);
    assert.equal(page.unseenCount, null);
    assert.equal(page.nextCursor, null);
  });

  test("counts, seen, read-all, bulk, action and preferences call the contract's routes", async () => {
    const { fake, client } = setup();
    fake.on("GET", `${INBOX}/counts`, { unread: 4, unseen: 1 });
    fake.on("POST", `${INBOX}/seen`, { updated: 1 });
    fake.on("POST", `${INBOX}/read-all`, { updated: 4 });
    fake.on("POST", `${INBOX}/bulk`, { updated: 7 });
    fake.on("GET", INBOX + "?", { notifications: [], unreadCount: 0, unseenCount: 0 });
    fake.on("POST", `${INBOX}/n1/actions/approve`, { url: "https://example.com/ok" });
    fake.on("GET", "/api/v1/users/ada/preferences", { channels: { sms: false }, categories: { social: { channels: { email: false } } } });
    fake.on("PUT", "/api/v1/users/ada/preferences", (call) => json(200, call.body));

    assert.deepEqual(await client.counts(), { unread: 4, unseen: 1 });
    assert.equal(client.store.snapshot.unread, 4);
    assert.equal(client.store.snapshot.unseen, 1);
    assert.equal(await client.markSeen(), 1);
    assert.equal(client.store.snapshot.unseen, 0);
    assert.equal(await client.markAllRead(), 4);
    assert.equal(await client.bulk("archive", { category: "social", tag: undefined }), 7);
    assert.deepEqual(fake.callsTo("POST", "/bulk")[0].body, { action: "archive", filter: { category: "social" } });
    assert.deepEqual(await client.runAction("n1", "approve"), { url: "https://example.com/ok" });
    const prefs = await client.getPreferences();
    assert.deepEqual(prefs, { channels: { sms: false }, categories: { social: { channels: { email: false }, digest: "instant" } }, quietHours: null });
    const saved = await client.updatePreferences({ ...prefs, quietHours: { start: "22:00", end: "07:00", mode: "inboxOnly" } });
    assert.deepEqual(saved.quietHours, { start: "22:00", end: "07:00", mode: "inboxOnly" });
    assert.deepEqual(fake.callsTo("PUT", "/preferences")[0].body.quietHours, { start: "22:00", end: "07:00", mode: "inboxOnly" });
  });

  test("a problem+json answer becomes an InboxError with status, detail and field errors", async () => {
    const { fake, client } = setup();
    fake.on("PUT", "/api/v1/users/ada/preferences", json(400, {
      title: "The request is invalid.", status: 400, detail: "quietHours.start: must be HH:mm.", errors: { "quietHours.start": ["must be HH:mm."] },
    }));
    await assert.rejects(client.updatePreferences({ channels: {}, categories: {}, quietHours: { start: "25:00", end: "07:00", mode: "defer" } }), (error) => {
      assert.ok(error instanceof InboxError);
      assert.equal(error.status, 400);
      assert.equal(error.detail, "quietHours.start: must be HH:mm.");
      assert.deepEqual(error.errors, { "quietHours.start": ["must be HH:mm."] });
      return true;
    });
  });

  test("a network failure becomes an InboxError with status 0", async () => {
    const { fake, client } = setup();
    fake.on("GET", `${INBOX}/counts`, new Error("connection refused"));
    await assert.rejects(client.counts(), (error) => error instanceof InboxError && error.status === 0);
  });

  test("snooze sends an ISO instant; an invalid one is refused before any request", async () => {
    const { fake, client } = setup();
    fake.on("PATCH", `${INBOX}/a`, json(204));
    await client.snooze("a", "2026-01-02T08:00:00Z");
    assert.deepEqual(fake.callsTo("PATCH", "/a")[0].body, { snoozedUntil: "2026-01-02T08:00:00.000Z" });
    await assert.rejects(client.snooze("a", "not a date"), InboxError);
    assert.equal(fake.calls.length, 1);
  });
});

describe("paging", () => {
  test("load then loadMore follow nextCursor and stop at the last page", async () => {
    const { fake, client } = setup();
    fake.on("GET", INBOX, (call) => {
      const cursor = call.query.get("cursor");
      if (!cursor) return { notifications: [item("a", { ageSeconds: 1 }), item("b", { ageSeconds: 2 })], nextCursor: "p2", unreadCount: 3, unseenCount: 3 };
      assert.equal(cursor, "p2");
      // The server may repeat an item across pages; it must appear once.
      return { notifications: [item("b", { ageSeconds: 2 }), item("c", { ageSeconds: 3 })], unreadCount: 3, unseenCount: 3 };
    });
    await client.load({ state: "active" });
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["a", "b"]);
    assert.equal(fake.calls[0].query.get("limit"), "2");
    assert.equal(await client.loadMore(), true);
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["a", "b", "c"]);
    assert.equal(client.store.snapshot.nextCursor, null);
    assert.equal(await client.loadMore(), false);
    assert.equal(fake.calls.length, 2);
  });

  test("a failed load leaves the error in the store, and a retry clears it", async () => {
    const { fake, client } = setup();
    fake.on("GET", INBOX, json(503, { title: "Unavailable", status: 503 }));
    await assert.rejects(client.load());
    assert.equal(client.store.snapshot.error.status, 503);
    assert.equal(client.store.snapshot.loading, false);
    fake.on("GET", INBOX, { notifications: [item("a")], unreadCount: 1, unseenCount: 1 });
    await client.load();
    assert.equal(client.store.snapshot.error, null);
    assert.equal(client.store.snapshot.items.length, 1);
  });

  test("a tab's filter is sent and a slower earlier load does not overwrite a later one", async () => {
    const { fake, client } = setup();
    let release;
    fake.on("GET", INBOX, (call) => call.query.get("category") === "security"
      ? { notifications: [item("s", { category: "security" })], unreadCount: 1, unseenCount: 1 }
      : new Promise((resolve) => { release = () => resolve(json(200, { notifications: [item("x")], unreadCount: 1, unseenCount: 1 })); }));
    const first = client.load({ state: "active" });
    await client.load({ state: "active", category: "security" });
    release();
    await first;
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["s"]);
  });
});

describe("optimistic updates", () => {
  async function loaded() {
    const ctx = setup();
    ctx.fake.on("GET", INBOX, { notifications: [item("a", { ageSeconds: 1 }), item("b", { ageSeconds: 2, readAt: "2026-01-01T00:00:00Z" })], nextCursor: null, unreadCount: 1, unseenCount: 1 });
    await ctx.client.load();
    return ctx;
  }

  test("markRead changes the item and the count before the server answers", async () => {
    const { fake, client } = await loaded();
    let answer;
    fake.on("PATCH", `${INBOX}/a`, () => new Promise((resolve) => { answer = resolve; }));
    const pending = client.markRead("a", true);
    assert.notEqual(client.store.get("a").readAt, null);
    assert.equal(client.store.snapshot.unread, 0);
    await until(() => answer, "the PATCH");
    assert.deepEqual(fake.callsTo("PATCH", "/a")[0].body, { read: true });
    answer(json(204));
    await pending;
    assert.equal(client.store.snapshot.unread, 0);
  });

  test("a refused change is rolled back and rethrown, and listeners hear the error", async () => {
    const { fake, client } = await loaded();
    const errors = [];
    client.subscribe((e) => e.type === "error" && errors.push(e.error));
    fake.on("PATCH", `${INBOX}/a`, json(404, { title: "Not Found", status: 404, detail: "no notification a" }));
    await assert.rejects(client.archive("a"), (e) => e instanceof InboxError && e.status === 404);
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["a", "b"]);
    assert.equal(client.store.snapshot.unread, 1);
    assert.equal(errors.length, 1);
  });

  test("archive and snooze drop the item from the active view and the unread count; mark unread adds it back", async () => {
    const { fake, client } = await loaded();
    fake.on("PATCH", INBOX, json(204));
    await client.archive("a");
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["b"]);
    assert.equal(client.store.snapshot.unread, 0);
    await client.markRead("b", false);
    assert.equal(client.store.snapshot.unread, 1);
    await client.snooze("b", new Date(Date.now() + 60_000));
    assert.deepEqual(client.store.snapshot.items, []);
    assert.equal(client.store.snapshot.unread, 0);
    assert.deepEqual(fake.callsTo("PATCH", "/a")[0].body, { archived: true });
  });

  test("markAllRead rolls back every item on failure", async () => {
    const { fake, client } = await loaded();
    fake.on("POST", `${INBOX}/read-all`, json(500, { title: "boom", status: 500 }));
    await assert.rejects(client.markAllRead());
    assert.equal(client.store.get("a").readAt, null);
    assert.equal(client.store.snapshot.unread, 1);
  });

  test("markSeen against a server without /seen keeps the badge cleared", async () => {
    const { client } = await loaded();
    assert.equal(client.store.snapshot.unseen, 1);
    assert.equal(await client.markSeen(), 0);
    assert.equal(client.store.snapshot.unseen, 0);
  });
});

describe("live updates", () => {
  const unread = (unreadCount, unseenCount = unreadCount) => ({ kind: "unread", unreadCount, unseenCount });
  const arrived = (n, unreadCount, unseenCount = unreadCount) => ({ kind: "notification", notification: n, unreadCount, unseenCount });

  test("the stream URL carries access_token; events update the feed and the counts", async () => {
    const { client } = setup();
    const events = [];
    client.subscribe((e) => events.push(e));
    const source = FakeEventSource.latest;
    const url = new URL(source.url);
    assert.equal(url.pathname, `${INBOX}/stream`);
    assert.equal(url.searchParams.get("access_token"), "tok");
    assert.equal(url.searchParams.has("lastEventId"), false);
    source.open();
    source.emit("unread", unread(0));
    source.emit("notification", arrived(item("n1"), 1), "cur-1");
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["n1"]);
    assert.equal(client.store.snapshot.unseen, 1);
    source.emit("updated", { kind: "updated", notification: { ...item("n1"), readAt: "2026-01-01T12:00:01Z" }, unreadCount: 0, unseenCount: 1 });
    assert.notEqual(client.store.get("n1").readAt, null);
    assert.equal(client.store.snapshot.unread, 0);
    source.emit("updated", { kind: "updated", notification: { ...item("n1"), archivedAt: "2026-01-01T12:00:02Z" }, unreadCount: 0, unseenCount: 0 });
    assert.deepEqual(client.store.snapshot.items, []);
    const kinds = events.map((e) => e.type);
    assert.ok(kinds.includes("notification") && kinds.includes("updated") && kinds.includes("counts"));
    assert.equal(events.find((e) => e.type === "notification").isNew, true);
  });

  test("a notification of another tab's category is counted but not shown", async () => {
    const { fake, client } = setup();
    fake.on("GET", INBOX, { notifications: [], unreadCount: 0, unseenCount: 0 });
    await client.load({ category: "security" });
    client.subscribe(() => {});
    FakeEventSource.latest.emit("notification", arrived(item("x", { category: "social" }), 1), "c-x");
    assert.deepEqual(client.store.snapshot.items, []);
    assert.equal(client.store.snapshot.unread, 1);
  });

  test("after an error it reconnects with backoff and lastEventId; the replay adds nothing twice", async () => {
    const { client } = setup();
    const statuses = [];
    const arrivals = [];
    client.subscribe((e) => {
      if (e.type === "connection") statuses.push(e.status);
      if (e.type === "notification" && e.isNew) arrivals.push(e.item.id);
    });
    const first = FakeEventSource.latest;
    first.open();
    first.emit("unread", unread(0));
    first.emit("notification", arrived(item("n1", { ageSeconds: 3 }), 1), "cur-1");
    first.emit("notification", arrived(item("n2", { ageSeconds: 2 }), 2), "cur-2");
    first.fail();
    assert.equal(first.closed, true);
    await until(() => FakeEventSource.instances.length === 2, "a second EventSource");
    const second = FakeEventSource.latest;
    assert.equal(new URL(second.url).searchParams.get("lastEventId"), "cur-2");
    assert.equal(new URL(second.url).searchParams.get("access_token"), "tok");
    second.open();
    second.emit("unread", unread(3));
    // A server may replay from an older cursor than asked: n2 again, then n3 that was sent while away.
    second.emit("notification", arrived(item("n2", { ageSeconds: 2 }), 3), "cur-2");
    second.emit("notification", arrived(item("n3", { ageSeconds: 1 }), 3), "cur-3");
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["n3", "n2", "n1"]);
    assert.deepEqual(arrivals, ["n1", "n2", "n3"]);
    assert.equal(client.store.snapshot.unread, 3);
    assert.ok(statuses.includes("reconnecting"));
    assert.equal(statuses.at(-1), "open");
  });

  test("repeated failures back off with growing delays up to the ceiling, and an open resets the attempts", async () => {
    const { client } = setup({ reconnect: { initialDelayMs: 2, maxDelayMs: 8 } });
    const delays = [];
    const stop = client.subscribe((e) => e.type === "connection" && e.delayMs !== undefined && delays.push([e.attempt, e.delayMs]));
    for (let i = 1; i <= 5; i++) {
      FakeEventSource.latest.fail();
      await until(() => FakeEventSource.instances.length === i + 1, `connection ${i + 1}`);
    }
    assert.deepEqual(delays.map(([a]) => a), [1, 2, 3, 4, 5]);
    for (const [attempt, delay] of delays) {
      const ceiling = Math.min(8, 2 * 2 ** (attempt - 1));
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `attempt ${attempt}: ${delay}ms within [${ceiling / 2}, ${ceiling}]`);
    }
    FakeEventSource.latest.open();
    FakeEventSource.latest.fail();
    await until(() => delays.length === 6, "the next delay");
    assert.equal(delays[5][0], 1);
    stop();
  });

  test("a reconnect with no cursor yet reloads the first page instead, without duplicates", async () => {
    const { fake, client } = setup();
    let pages = 0;
    fake.on("GET", INBOX, () => {
      pages += 1;
      return pages === 1
        ? { notifications: [item("a", { ageSeconds: 5 })], unreadCount: 1, unseenCount: 1 }
        : { notifications: [item("b", { ageSeconds: 1 }), item("a", { ageSeconds: 5 })], unreadCount: 2, unseenCount: 2 };
    });
    await client.load();
    client.subscribe(() => {});
    FakeEventSource.latest.open();
    FakeEventSource.latest.fail();
    await until(() => FakeEventSource.instances.length === 2, "a second EventSource");
    assert.equal(new URL(FakeEventSource.latest.url).searchParams.has("lastEventId"), false);
    FakeEventSource.latest.open();
    await until(() => client.store.snapshot.items.length === 2, "the reload");
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["b", "a"]);
    assert.equal(client.store.snapshot.unread, 2);
  });

  test("a reload of the same view keeps the feed until the fresh page replaces it; another view empties it first", async () => {
    const { fake, client } = setup();
    let release;
    fake.on("GET", INBOX, (call) => call.query.get("state") === "unread"
      ? { notifications: [], unreadCount: 0, unseenCount: 0 }
      : release === undefined
        ? { notifications: [item("a", { ageSeconds: 5 })], unreadCount: 1, unseenCount: 1 }
        : new Promise((resolve) => { release = resolve; }));
    await client.load();
    release = null;
    const reloading = client.load();
    await until(() => typeof release === "function", "the reload's request");
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["a"]);
    release({ notifications: [item("b", { ageSeconds: 1 }), item("a", { ageSeconds: 5 })], unreadCount: 2, unseenCount: 2 });
    await reloading;
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["b", "a"]);

    const switching = client.load({ state: "unread" });
    assert.deepEqual(client.store.snapshot.items, []);
    await switching;
  });

  test("events arriving while the first page loads are kept, once", async () => {
    const { fake, client } = setup();
    let release;
    fake.on("GET", INBOX, () => new Promise((resolve) => { release = resolve; }));
    client.subscribe(() => {});
    const loading = client.load();
    FakeEventSource.latest.emit("notification", arrived(item("new", { ageSeconds: 0 }), 2), "c-new");
    await until(() => release, "the page request");
    release(json(200, { notifications: [item("old", { ageSeconds: 9 })], unreadCount: 1, unseenCount: 1 }));
    await loading;
    assert.deepEqual(client.store.snapshot.items.map((i) => i.id), ["new", "old"]);
  });

  test("a server without unseenCount: unseen is counted from new arrivals and cleared by markSeen", async () => {
    const { fake, client } = setup();
    fake.on("GET", INBOX, { notifications: [item("a")], unreadCount: 1 });
    await client.load();
    assert.equal(client.store.snapshot.unseen, 1);
    client.subscribe(() => {});
    const source = FakeEventSource.latest;
    source.emit("unread", { kind: "unread", unreadCount: 1 });
    source.emit("notification", { kind: "notification", notification: item("b"), unreadCount: 2 }, "c-b");
    source.emit("notification", { kind: "notification", notification: item("b"), unreadCount: 2 }, "c-b");
    assert.equal(client.store.snapshot.unseen, 2);
    await client.markSeen();
    assert.equal(client.store.snapshot.unseen, 0);
    source.emit("unread", { kind: "unread", unreadCount: 2 });
    assert.equal(client.store.snapshot.unseen, 0);
  });

  test("the last unsubscribe closes the stream and cancels a pending reconnect", async () => {
    const { client } = setup({ reconnect: { initialDelayMs: 50, maxDelayMs: 50 } });
    const stopA = client.subscribe(() => {});
    const stopB = client.subscribe(() => {});
    assert.equal(FakeEventSource.instances.length, 1);
    stopA();
    assert.equal(FakeEventSource.latest.closed, false);
    FakeEventSource.latest.fail();
    stopB();
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(FakeEventSource.instances.length, 1);
    await flush();
  });
});
