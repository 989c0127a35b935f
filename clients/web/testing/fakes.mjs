// Fakes of fetch and EventSource for the headless client's tests: routes answer from a table, every request is
// recorded, and each EventSource the client opens can be driven by hand.

export function json(status, body) {
  const text = body === undefined ? "" : JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, headers: { get: () => "application/json" }, text: async () => text };
}

export class FakeFetch {
  constructor() {
    this.calls = [];
    this.routes = [];
    this.fetch = this.fetch.bind(this);
  }

  /** Answers `method url-prefix` with a body or a function (call) => response; later routes win. */
  on(method, pathPrefix, answer) {
    this.routes.unshift({ method, pathPrefix, answer });
    return this;
  }

  async fetch(url, init = {}) {
    const method = init.method ?? "GET";
    const parsed = new URL(url);
    const call = { method, url, path: parsed.pathname, query: parsed.searchParams, headers: init.headers ?? {}, body: init.body ? JSON.parse(init.body) : undefined };
    this.calls.push(call);
    const route = this.routes.find((r) => r.method === method && (parsed.pathname + parsed.search).startsWith(r.pathPrefix));
    if (!route) return json(404, { title: "Not Found", status: 404 });
    const answer = typeof route.answer === "function" ? await route.answer(call) : route.answer;
    if (answer instanceof Error) throw answer;
    return answer && typeof answer.status === "number" && typeof answer.text === "function" ? answer : json(200, answer);
  }

  callsTo(method, pathSuffix) {
    return this.calls.filter((c) => c.method === method && c.path.endsWith(pathSuffix));
  }
}

export class FakeEventSource {
  static instances = [];

  static reset() {
    FakeEventSource.instances = [];
  }

  static get latest() {
    return FakeEventSource.instances[FakeEventSource.instances.length - 1];
  }

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = new Map();
    this.onopen = null;
    this.onerror = null;
    this.closed = false;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(listener);
  }

  close() {
    this.readyState = 2;
    this.closed = true;
  }

  open() {
    this.readyState = 1;
    this.onopen?.({});
  }

  emit(type, data, lastEventId = "") {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data), lastEventId });
  }

  fail() {
    this.readyState = 0;
    this.onerror?.({});
  }
}

let sequence = 0;

/** An inbox item as the server sends it (null fields left out), created `ageSeconds` ago. */
export function item(id, { ageSeconds = 0, ...rest } = {}) {
  sequence += 1;
  return {
    id,
    category: "general",
    title: `title ${id}`,
    body: `body ${id}`,
    data: {},
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0) - ageSeconds * 1000 + sequence).toISOString(),
    ...rest,
  };
}

export const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Waits (by turns of the event loop, never a fixed sleep) until a condition holds. */
export async function until(condition, what = "condition", turns = 2000) {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
}
