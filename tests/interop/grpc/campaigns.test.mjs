// Interop suite: an independent gRPC implementation (@grpc/grpc-js) creating and running a campaign on the real silo.
// Started by tests/Notifications.Grpc.Tests (CampaignGrpcTests), which starts the silo and registers the users:
//   GRPC_TARGET            host:port of the gRPC listener (cleartext HTTP/2)
//   GRPC_PROTO_ROOT        src/Notifications.Abstractions/Protos
//   GRPC_CAMPAIGNS_KEY     API key with scope campaigns
//   GRPC_SEND_KEY          API key with scope send only
//   GRPC_CAMPAIGN_TAG      the tag of the users the campaign goes to
//   GRPC_CAMPAIGN_USERS    how many users carry it
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this suite through CampaignGrpcTests`);
  return value;
};

const target = env('GRPC_TARGET');
const campaignsKey = env('GRPC_CAMPAIGNS_KEY');
const sendKey = env('GRPC_SEND_KEY');
const tag = env('GRPC_CAMPAIGN_TAG');
const users = Number(env('GRPC_CAMPAIGN_USERS'));

const definition = protoLoader.loadSync('notifications/v1/notification_campaigns.proto', {
  includeDirs: [env('GRPC_PROTO_ROOT')], keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true,
});
const Campaigns = grpc.loadPackageDefinition(definition).notifications.v1.NotificationCampaigns;
const client = new Campaigns(target, grpc.credentials.createInsecure());
after(() => client.close());

const call = (method, request, key) =>
  new Promise((resolve, reject) => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${key}`);
    client[method](request, metadata, { deadline: Date.now() + 10_000 }, (error, response) => (error ? reject(error) : resolve(response)));
  });

const waitFor = async (what, probe, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const segment = { tags: { all: [tag] } };

test('a campaign created and started over grpc-js reaches its segment with exact counters', async () => {
  const preview = await call('previewSegment', { segment }, campaignsKey);
  assert.equal(preview.count, users);

  const created = await call('createCampaign', {
    name: `grpc-js ${tag}`,
    segment,
    content: { title: 'From grpc-js', body: 'hello' },
    channels: ['CHANNEL_IN_APP'],
    ratePerSecond: 1000,
  }, campaignsKey);
  assert.equal(created.status, 'CAMPAIGN_STATUS_DRAFT');

  const started = await call('startCampaign', { id: created.id }, campaignsKey);
  assert.equal(started.status, 'CAMPAIGN_STATUS_RUNNING');
  assert.equal(started.priority, 'PRIORITY_BULK');

  const done = await waitFor('the campaign to complete', async () => {
    const campaign = await call('getCampaign', { id: created.id }, campaignsKey);
    return campaign.status === 'CAMPAIGN_STATUS_COMPLETED' && campaign.progress.processed === users ? campaign : null;
  });
  assert.deepEqual(
    [done.progress.targeted, done.progress.processed, done.progress.delivered, done.progress.failed],
    [users, users, users, 0],
  );
});

test('bad input is INVALID_ARGUMENT naming the proto field; the wrong scope is PERMISSION_DENIED', async () => {
  await assert.rejects(
    call('createCampaign', { name: 'bad', segment: { timeZones: ['Mars/Olympus'] }, content: { title: 't', body: 'b' } }, campaignsKey),
    (error) => error.code === grpc.status.INVALID_ARGUMENT && error.details.startsWith('segment.time_zones: '),
  );
  await assert.rejects(
    call('listCampaigns', {}, sendKey),
    (error) => error.code === grpc.status.PERMISSION_DENIED,
  );
});
