// Interop suite: an independent gRPC implementation (@grpc/grpc-js) against the silo's own gRPC server.
// Started by tests/Notifications.Grpc.Tests (GrpcInteropTests), which provides the server and credentials:
//   GRPC_TARGET            host:port of the gRPC listener (cleartext HTTP/2)
//   GRPC_PROTO_ROOT        src/Notifications.Abstractions/Protos
//   GRPC_SEND_KEY          API key with scope send
//   GRPC_MANAGE_KEY        API key with scope manage
//   GRPC_USER_ID / GRPC_USER_TOKEN / GRPC_OTHER_USER_TOKEN   a user, their token, another user's token
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this suite through GrpcInteropTests`);
  return value;
};

const target = env('GRPC_TARGET');
const userId = env('GRPC_USER_ID');
const sendKey = env('GRPC_SEND_KEY');
const manageKey = env('GRPC_MANAGE_KEY');
const userToken = env('GRPC_USER_TOKEN');
const otherUserToken = env('GRPC_OTHER_USER_TOKEN');

const definition = protoLoader.loadSync(
  ['notifications/v1/notification_gateway.proto', 'grpc/health/v1/health.proto'],
  { includeDirs: [env('GRPC_PROTO_ROOT')], keepCase: false, longs: String, enums: String, defaults: true, oneofs: true },
);
const proto = grpc.loadPackageDefinition(definition);
const Gateway = proto.notifications.v1.NotificationGateway;
const Health = proto.grpc.health.v1.Health;

// The reflection protocol's own proto, as @grpc/reflection ships it: the only proto the reflection client needs.
const reflectionProtoDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')), 'build', 'proto');
const Reflection = grpc.loadPackageDefinition(
  protoLoader.loadSync('grpc/reflection/v1alpha/reflection.proto', { includeDirs: [reflectionProtoDir], keepCase: false, defaults: true }),
).grpc.reflection.v1alpha.ServerReflection;

const clients = [];
const gateway = (options = {}) => {
  const client = new Gateway(target, grpc.credentials.createInsecure(), options);
  clients.push(client);
  return client;
};
const health = new Health(target, grpc.credentials.createInsecure());
clients.push(health);

const auth = (token) => {
  const metadata = new grpc.Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  return metadata;
};

const call = (client, method, request, token, options = {}) =>
  new Promise((resolve, reject) => {
    client[method](request, auth(token), { deadline: Date.now() + 10_000, ...options }, (error, response) =>
      error ? reject(error) : resolve(response));
  });

const fails = async (code, promise, detailsPattern) => {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, code, `expected ${grpc.status[code]}, got ${grpc.status[error.code]}: ${error.details}`);
    if (detailsPattern) assert.match(error.details, detailsPattern);
    return true;
  });
};

/** Waits for a condition the server reaches asynchronously (a notification is processed after Send answers). */
const waitFor = async (what, probe, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Collects a server stream's messages until `until` accepts one; resolves with them and leaves the call open. */
const readUntil = (stream, until) =>
  new Promise((resolve, reject) => {
    const seen = [];
    const onData = (message) => {
      seen.push(message);
      if (until(message, seen)) {
        stream.off('data', onData);
        resolve(seen);
      }
    };
    stream.on('data', onData);
    stream.on('error', reject);
  });

const streamStatus = (stream) =>
  new Promise((resolve) => {
    stream.on('error', (error) => resolve(error.code));
    stream.on('status', (status) => resolve(status.code));
    stream.on('data', () => {});
  });

const inline = (title) => ({ userId, content: { title, body: `body of ${title}` }, channels: ['CHANNEL_IN_APP'] });

const inboxIds = async () =>
  (await call(gateway(), 'listInbox', { userId, limit: 100 }, userToken)).notifications.map((n) => n.id);

const sendAndWait = async (title) => {
  const sent = await call(gateway(), 'send', inline(title), sendKey);
  await waitFor(`${title} in the inbox`, async () => (await inboxIds()).includes(sent.id));
  return sent;
};

before(async () => {
  const user = await call(gateway(), 'upsertUser', { userId, profile: { displayName: 'Interop User', locale: 'en', tags: ['interop'] } }, userToken);
  assert.equal(user.userId, userId);
});

after(() => {
  for (const client of clients) client.close();
});

describe('health', () => {
  test('Check reports SERVING for the server and the gateway service, without credentials', async () => {
    assert.equal((await call(health, 'check', { service: '' })).status, 'SERVING');
    assert.equal((await call(health, 'check', { service: 'notifications.v1.NotificationGateway' })).status, 'SERVING');
  });

  test('Check of an unknown service is NOT_FOUND', async () => {
    await fails(grpc.status.NOT_FOUND, call(health, 'check', { service: 'no.such.Service' }));
  });

  test('Watch streams the current status', async () => {
    const stream = health.watch({ service: '' });
    const [first] = await readUntil(stream, () => true);
    assert.equal(first.status, 'SERVING');
    const ended = streamStatus(stream);
    stream.cancel();
    assert.equal(await ended, grpc.status.CANCELLED);
  });
});

describe('users, preferences and devices', () => {
  test('UpsertUser returns the stored profile', async () => {
    const user = await call(gateway(), 'upsertUser', { userId, profile: { displayName: 'Interop User', timeZone: 'Europe/Berlin', tags: ['interop'] } }, userToken);
    assert.equal(user.profile.displayName, 'Interop User');
    assert.equal(user.profile.timeZone, 'Europe/Berlin');
    assert.deepEqual(user.profile.tags, ['interop']);
  });

  test('UpdatePreferences then GetPreferences round-trips', async () => {
    const preferences = {
      channels: { email: false },
      categories: { marketing: { channels: { push: false }, digest: 'DIGEST_CADENCE_DAILY' } },
      quietHours: { start: '22:00', end: '07:00', mode: 'QUIET_HOURS_MODE_DEFER' },
    };
    await call(gateway(), 'updatePreferences', { userId, preferences }, userToken);
    const stored = await call(gateway(), 'getPreferences', { userId }, userToken);
    assert.equal(stored.channels.email, false);
    assert.equal(stored.categories.marketing.digest, 'DIGEST_CADENCE_DAILY');
    assert.equal(stored.categories.marketing.channels.push, false);
    assert.equal(stored.quietHours.start, '22:00');

    // Quiet hours would defer the notifications the other tests wait for.
    const cleared = await call(gateway(), 'updatePreferences', { userId, preferences: {} }, userToken);
    assert.equal(cleared.quietHours, null);
    assert.equal((await call(gateway(), 'getPreferences', { userId }, userToken)).quietHours, null);
  });

  test('bad preferences are INVALID_ARGUMENT and change nothing', async () => {
    const before = await call(gateway(), 'getPreferences', { userId }, userToken);
    await fails(grpc.status.INVALID_ARGUMENT,
      call(gateway(), 'updatePreferences', { userId, preferences: { channels: { pigeon: true } } }, userToken), /pigeon/);
    await fails(grpc.status.INVALID_ARGUMENT,
      call(gateway(), 'updatePreferences', { userId, preferences: { quietHours: { start: '25:99', end: '07:00' } } }, userToken), /quiet/i);
    assert.deepEqual(await call(gateway(), 'getPreferences', { userId }, userToken), before);
  });

  test("another user's token is PERMISSION_DENIED and changes nothing", async () => {
    const before = await call(gateway(), 'getPreferences', { userId }, userToken);
    await fails(grpc.status.PERMISSION_DENIED,
      call(gateway(), 'updatePreferences', { userId, preferences: { channels: { sms: false } } }, otherUserToken));
    await fails(grpc.status.PERMISSION_DENIED, call(gateway(), 'getPreferences', { userId }, otherUserToken));
    assert.deepEqual(await call(gateway(), 'getPreferences', { userId }, userToken), before);
  });

  test('RegisterDevice then RemoveDevice; removing twice is NOT_FOUND', async () => {
    const device = await call(gateway(), 'registerDevice', { userId, kind: 'DEVICE_KIND_ANDROID', token: `fcm-interop-${Date.now()}` }, userToken);
    assert.equal(device.kind, 'DEVICE_KIND_ANDROID');
    assert.ok(device.id);
    await call(gateway(), 'removeDevice', { userId, deviceId: device.id }, userToken);
    await fails(grpc.status.NOT_FOUND, call(gateway(), 'removeDevice', { userId, deviceId: device.id }, userToken));
  });

  test('RegisterDevice without a kind is INVALID_ARGUMENT', async () => {
    await fails(grpc.status.INVALID_ARGUMENT, call(gateway(), 'registerDevice', { userId, token: 'x' }, userToken));
  });
});

describe('producer calls and the inbox', () => {
  test('Send, GetNotification, ListInbox, MarkRead and MarkAllRead', async () => {
    const sent = await sendAndWait('first');
    assert.equal(sent.status, 'accepted');

    const notification = await call(gateway(), 'getNotification', { id: sent.id }, sendKey);
    assert.equal(notification.id, sent.id);
    assert.equal(notification.userId, userId);
    assert.equal(notification.category, 'general');

    const page = await call(gateway(), 'listInbox', { userId, limit: 100 }, userToken);
    const item = page.notifications.find((n) => n.id === sent.id);
    assert.equal(item.title, 'first');
    assert.equal(item.readAt, null);
    assert.ok(page.unreadCount >= 1);

    const marked = await call(gateway(), 'markRead', { userId, notificationId: sent.id }, userToken);
    assert.equal(marked.read, true);
    const after = await call(gateway(), 'listInbox', { userId, limit: 100 }, userToken);
    assert.ok(after.notifications.find((n) => n.id === sent.id).readAt);
    assert.equal(after.unreadCount, page.unreadCount - 1);

    await sendAndWait('second');
    const all = await call(gateway(), 'markAllRead', { userId }, userToken);
    assert.ok(all.marked >= 1);
    assert.equal((await call(gateway(), 'listInbox', { userId }, userToken)).unreadCount, 0);
  });

  test('SendBatch accepts the valid items and names the bad field', async () => {
    const response = await call(gateway(), 'sendBatch', { notifications: [inline('batch-ok'), { content: { title: 'x', body: 'y' } }] }, sendKey);
    assert.equal(response.accepted, 1);
    assert.equal(response.rejected, 1);
    assert.ok(response.results[0].id);
    assert.match(response.results[1].field, /user_id/);
  });

  test('a gzip-compressing client is understood', async () => {
    const zipping = gateway({ 'grpc.default_compression_algorithm': 2 });
    const sent = await call(zipping, 'send', { ...inline('zipped'), content: { title: 'zipped', body: 'z'.repeat(8_000) } }, sendKey);
    const notification = await call(zipping, 'getNotification', { id: sent.id }, sendKey);
    assert.equal(notification.id, sent.id);
  });

  test('bad input is INVALID_ARGUMENT naming the field, and nothing is delivered', async () => {
    await sendAndWait('before-bad-input');
    const before = await inboxIds();
    await fails(grpc.status.INVALID_ARGUMENT, call(gateway(), 'send', { content: { title: 'no user', body: 'b' } }, sendKey), /user_id/);
    await fails(grpc.status.INVALID_ARGUMENT, call(gateway(), 'send', { ...inline('bad-priority'), priority: 42 }, sendKey), /priority/);
    await fails(grpc.status.INVALID_ARGUMENT, call(gateway(), 'getNotification', { id: 'not-an-id' }, sendKey), /id/);
    await fails(grpc.status.INVALID_ARGUMENT, call(gateway(), 'listInbox', { userId, limit: 1000 }, userToken), /limit/);
    // The rich error details (google.rpc.Status with a BadRequest) name the field too.
    await assert.rejects(call(gateway(), 'send', { content: { title: 'no user', body: 'b' } }, sendKey), (error) => {
      const [details] = error.metadata.get('grpc-status-details-bin');
      assert.ok(Buffer.isBuffer(details), 'grpc-status-details-bin is present');
      assert.ok(details.includes('type.googleapis.com/google.rpc.BadRequest'), 'the details hold a BadRequest');
      assert.ok(details.includes('user_id'), 'the BadRequest names user_id');
      return true;
    });
    // A marker sent after the refusals is the only new item once it has been processed.
    const marker = await sendAndWait('marker');
    assert.deepEqual((await inboxIds()).filter((id) => !before.includes(id)), [marker.id]);
  });

  test('a message over the server limit is RESOURCE_EXHAUSTED', async () => {
    const huge = { ...inline('huge'), content: { title: 'huge', body: 'h'.repeat(5 * 1024 * 1024) } };
    await fails(grpc.status.RESOURCE_EXHAUSTED, call(gateway(), 'send', huge, sendKey));
  });

  test('unknown notifications are NOT_FOUND', async () => {
    await fails(grpc.status.NOT_FOUND, call(gateway(), 'getNotification', { id: '00000000-0000-0000-0000-000000000001' }, sendKey));
  });
});

describe('credentials and scopes', () => {
  test('missing or bad credentials are UNAUTHENTICATED', async () => {
    await fails(grpc.status.UNAUTHENTICATED, call(gateway(), 'send', inline('anon'), undefined));
    await fails(grpc.status.UNAUTHENTICATED, call(gateway(), 'send', inline('forged'), 'not-a-real-key'));
    await fails(grpc.status.UNAUTHENTICATED, call(gateway(), 'listInbox', { userId }, 'not-a-real-token'));
  });

  test('wrong scope or wrong user is PERMISSION_DENIED', async () => {
    await fails(grpc.status.PERMISSION_DENIED, call(gateway(), 'send', inline('by-user'), userToken));
    await fails(grpc.status.PERMISSION_DENIED, call(gateway(), 'listInbox', { userId }, otherUserToken));
    await fails(grpc.status.PERMISSION_DENIED, call(gateway(), 'listInbox', { userId }, sendKey));
  });

  test('the manage scope reaches any user', async () => {
    const page = await call(gateway(), 'listInbox', { userId }, manageKey);
    assert.ok(Array.isArray(page.notifications));
  });
});

describe('deadlines, cancellation and streaming', () => {
  test('WatchInbox sends the unread count, then a new item', async () => {
    const stream = gateway().watchInbox({ userId }, auth(userToken));
    const [first] = await readUntil(stream, () => true);
    assert.equal(first.kind, 'unread');

    const arrival = readUntil(stream, (event) => event.kind === 'notification');
    const sent = await call(gateway(), 'send', inline('live'), sendKey);
    const events = await arrival;
    const live = events.at(-1);
    assert.equal(live.notification.id, sent.id);
    assert.equal(live.notification.title, 'live');
    assert.ok(live.unreadCount >= 1);

    const ended = streamStatus(stream);
    stream.cancel();
    assert.equal(await ended, grpc.status.CANCELLED);
  });

  test('WatchInbox for another user is PERMISSION_DENIED', async () => {
    const stream = gateway().watchInbox({ userId }, auth(otherUserToken));
    assert.equal(await streamStatus(stream), grpc.status.PERMISSION_DENIED);
  });

  test('a stream past its deadline ends with DEADLINE_EXCEEDED', async () => {
    const stream = gateway().watchInbox({ userId }, auth(userToken), { deadline: Date.now() + 300 });
    assert.equal(await streamStatus(stream), grpc.status.DEADLINE_EXCEEDED);
  });

  test('an already expired deadline is DEADLINE_EXCEEDED', async () => {
    await fails(grpc.status.DEADLINE_EXCEEDED, call(gateway(), 'send', inline('too-late'), sendKey, { deadline: Date.now() - 1 }));
  });

  test('a cancelled call ends CANCELLED and the server keeps serving', async () => {
    const stream = gateway().watchInbox({ userId }, auth(userToken));
    await readUntil(stream, () => true);
    const ended = streamStatus(stream);
    stream.cancel();
    assert.equal(await ended, grpc.status.CANCELLED);
    assert.equal((await call(health, 'check', { service: '' })).status, 'SERVING');
  });

  test('an unknown method is UNIMPLEMENTED', async () => {
    const raw = new grpc.Client(target, grpc.credentials.createInsecure());
    clients.push(raw);
    const result = new Promise((resolve) => {
      raw.makeUnaryRequest('/notifications.v1.NotificationGateway/NoSuchMethod', (b) => b, (b) => b, Buffer.alloc(0), auth(sendKey), (error) => resolve(error));
    });
    const error = await result;
    assert.equal(error.code, grpc.status.UNIMPLEMENTED);
  });
});

describe('server reflection', () => {
  /** One request on a fresh ServerReflectionInfo stream, its one answer. */
  const reflect = (request) =>
    new Promise((resolve, reject) => {
      const client = new Reflection(target, grpc.credentials.createInsecure());
      clients.push(client);
      const stream = client.serverReflectionInfo();
      stream.on('data', (response) => {
        resolve(response);
        stream.end();
      });
      stream.on('error', reject);
      stream.write(request);
    });

  /** A FileDescriptorSet is `repeated FileDescriptorProto file = 1`: each descriptor as a length-delimited field 1. */
  const descriptorSet = (files) =>
    Buffer.concat(files.flatMap((file) => {
      const length = [];
      for (let n = file.length; ; n >>>= 7) {
        if (n < 0x80) { length.push(n); break; }
        length.push((n & 0x7f) | 0x80);
      }
      return [Buffer.from([0x0a, ...length]), file];
    }));

  test('lists every service the silo serves', async () => {
    const response = await reflect({ listServices: '' });
    const names = response.listServicesResponse.service.map((s) => s.name);
    for (const expected of ['notifications.v1.NotificationGateway', 'notifications.v1.NotificationAdmin', 'notifications.v1.NotificationCampaigns', 'grpc.health.v1.Health']) {
      assert.ok(names.includes(expected), `${expected} is listed (got ${names.join(', ')})`);
    }
  });

  test('a client built only from reflected descriptors can call the server', async () => {
    const response = await reflect({ fileContainingSymbol: 'notifications.v1.NotificationGateway' });
    const files = response.fileDescriptorResponse.fileDescriptorProto;
    assert.ok(files.length >= 1);
    const reflected = grpc.loadPackageDefinition(
      protoLoader.loadFileDescriptorSetFromBuffer(descriptorSet(files), { keepCase: false, longs: String, enums: String, defaults: true }),
    );
    const client = new reflected.notifications.v1.NotificationGateway(target, grpc.credentials.createInsecure());
    clients.push(client);
    const counts = await call(client, 'getInboxCounts', { userId }, userToken);
    assert.equal(typeof counts.unread, 'number');
  });
});
