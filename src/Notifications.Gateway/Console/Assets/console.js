// The operations console. Reads only the admin API (/api/v1/admin/...) with the sign-in cookie; every change
// carries the X-Console-Request header, which the gateway requires of cookie sessions (a cross-site form cannot set it).
'use strict';

const LANES = ['critical', 'high', 'normal', 'bulk'];
const LANE_COLORS = { critical: '#d64545', high: '#e39b2d', normal: '#2f7dd1', bulk: '#7a7f87' };
const CHANNEL_COLORS = { apns: '#8e44ad', fcm: '#f39c12', webPush: '#16a085', email: '#2f7dd1', sms: '#c0392b', whatsapp: '#25a244', webhook: '#2c3e50', inApp: '#7f8c8d' };
const HISTORY_SECONDS = 300;

const state = { history: [], deadLetters: [], nextCursor: null, selected: new Set(), latest: null, rendered: {}, openDetails: new Set(), loads: 0, campaignTotals: {} };

/** Rebuilds a section only when its data changed, so what the operator opened or is clicking stays put. */
function changed(section, data) {
  const text = JSON.stringify(data);
  if (state.rendered[section] === text) return false;
  state.rendered[section] = text;
  return true;
}

// --- small DOM helpers: text always goes through textContent, never innerHTML -------------------------------
function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}
const $ = (id) => document.getElementById(id);
const number = (value) => (value ?? 0).toLocaleString('en-GB');
const rate = (value) => (value >= 10 ? Math.round(value).toLocaleString('en-GB') : value.toFixed(1));
const ms = (value) => (value === null || value === undefined ? '–' : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const time = (value) => (value ? new Date(value).toLocaleString('en-GB') : '–');
const truncate = (text, length) => (text && text.length > length ? `${text.slice(0, length)}…` : text || '');
const bytes = (value) => (value ? `${(value / 1048576).toFixed(0)} MB` : '–');

function showError(message) {
  const banner = $('banner');
  banner.textContent = message;
  banner.hidden = !message;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Console-Request': '1', ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
  });
  if (response.status === 401) {
    location.assign(`/console/sign-in?returnUrl=${encodeURIComponent(location.pathname + location.hash)}`);
    throw new Error('Signed out.');
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.detail || body?.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

// --- views ------------------------------------------------------------------------------------------------
function showView() {
  const view = (location.hash || '#overview').slice(1);
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.dataset.view !== view;
  for (const link of document.querySelectorAll('#tabs a')) link.setAttribute('aria-current', link.dataset.view === view ? 'page' : 'false');
  if (view === 'dead-letters' && state.deadLetters.length === 0) loadDeadLetters(true);
  if (view === 'campaigns') loadCampaigns();
}

const currentView = () => (location.hash || '#overview').slice(1);

// --- live snapshots ---------------------------------------------------------------------------------------
function connect() {
  const live = $('live');
  const source = new EventSource('/api/v1/admin/operations/live');
  source.addEventListener('open', () => { live.className = 'live open'; live.textContent = 'live'; });
  source.addEventListener('error', () => { live.className = 'live connecting'; live.textContent = 'reconnecting…'; });
  source.addEventListener('snapshot', (event) => {
    try {
      render(JSON.parse(event.data));
      showError('');
    } catch (error) {
      showError(`Could not show the latest snapshot: ${error.message}`);
    }
  });
}

function render(snapshot) {
  state.latest = snapshot;
  const at = Date.parse(snapshot.at);
  const previous = state.history[state.history.length - 1];
  state.history.push({ at, snapshot });
  while (state.history.length > 1 && at - state.history[0].at > HISTORY_SECONDS * 1000) state.history.shift();
  renderLanes(snapshot, previous);
  renderChannels(snapshot);
  renderCharts();
  renderProviders(snapshot);
  renderSilos(snapshot);
  if (currentView() === 'campaigns') loadCampaigns(true);
  const dead = $('dead-count');
  dead.hidden = snapshot.deadLetters === 0;
  dead.textContent = number(snapshot.deadLetters);
  document.body.dataset.deadLetters = snapshot.deadLetters;
}

/** Per-second rate of a counter between two snapshots; a silo that left makes totals drop, shown as 0. */
function perSecond(current, previous, pick) {
  if (!previous) return 0;
  const seconds = (Date.parse(current.at) - Date.parse(previous.snapshot.at)) / 1000;
  return seconds > 0 ? Math.max(0, (pick(current) - pick(previous.snapshot)) / seconds) : 0;
}

function laneOf(snapshot, lane) { return snapshot.lanes.find((l) => l.lane === lane) || {}; }

function renderLanes(snapshot, previous) {
  const cards = LANES.map((lane) => {
    const row = laneOf(snapshot, lane);
    const accepted = perSecond(snapshot, previous, (s) => laneOf(s, lane).accepted || 0);
    const delivered = perSecond(snapshot, previous, (s) => laneOf(s, lane).delivered || 0);
    return h('article', { class: `card lane lane-${lane}`, 'data-lane': lane },
      h('h3', {}, lane),
      h('dl', {},
        h('div', {}, h('dt', {}, 'accepted'), h('dd', { 'data-counter': 'accepted' }, number(row.accepted)), h('dd', { class: 'rate' }, `${rate(accepted)}/s`)),
        h('div', {}, h('dt', {}, 'delivered'), h('dd', { 'data-counter': 'delivered' }, number(row.delivered)), h('dd', { class: 'rate' }, `${rate(delivered)}/s`)),
        h('div', {}, h('dt', {}, 'failed'), h('dd', { 'data-counter': 'failed', class: row.failed ? 'bad' : '' }, number(row.failed))),
        h('div', {}, h('dt', {}, 'latency p50 / p99'), h('dd', {}, `${ms(row.latencyP50Ms)} / ${ms(row.latencyP99Ms)}`)),
        h('div', {}, h('dt', {}, 'suppressed · deferred · digested'), h('dd', {}, `${number(row.suppressed)} · ${number(row.deferred)} · ${number(row.digested)}`))));
  });
  $('lanes').replaceChildren(...cards);
}

function renderChannels(snapshot) {
  if (!changed('channels', snapshot.channels)) return;
  const body = $('channels').tBodies[0];
  if (snapshot.channels.length === 0) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No provider deliveries yet. In-app deliveries complete within the user\'s turn and are not listed here.')));
    return;
  }
  body.replaceChildren(...snapshot.channels.map((c) => h('tr', { 'data-channel': c.channel, 'data-lane': c.lane },
    h('td', {}, c.channel), h('td', {}, c.lane), h('td', { class: 'num' }, number(c.outboxDepth)), h('td', { class: 'num' }, number(c.delivered)),
    h('td', { class: 'num' }, number(c.retried)), h('td', { class: c.failed ? 'num bad' : 'num' }, number(c.failed)),
    h('td', { class: c.deadLettered ? 'num bad' : 'num' }, number(c.deadLettered)))));
}

function series(pick) {
  const points = [];
  for (let i = 1; i < state.history.length; i++) {
    points.push({ at: state.history[i].at, value: perSecond(state.history[i].snapshot, state.history[i - 1], pick) });
  }
  return points;
}

function renderCharts() {
  const byLane = (field) => LANES.map((lane) => ({ name: lane, color: LANE_COLORS[lane], points: series((s) => laneOf(s, lane)[field] || 0) }));
  chart($('chart-accepted'), byLane('accepted'));
  chart($('chart-delivered'), byLane('delivered'));
  chart($('chart-failed'), byLane('failed'));
  const channels = [...new Set(state.history.flatMap((e) => e.snapshot.channels.map((c) => c.channel)))];
  chart($('chart-channels'), channels.map((channel) => ({
    name: channel,
    color: CHANNEL_COLORS[channel] || '#555',
    points: series((s) => s.channels.filter((c) => c.channel === channel).reduce((sum, c) => sum + c.delivered, 0)),
  })));
}

/** A line chart in SVG: the last five minutes, one line per series, y from 0 to the highest value. */
function chart(container, lines) {
  const width = 600;
  const height = 160;
  const pad = { left: 44, right: 8, top: 8, bottom: 20 };
  const now = state.history.length ? state.history[state.history.length - 1].at : Date.now();
  const from = now - HISTORY_SECONDS * 1000;
  const max = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p.value)));
  const x = (at) => pad.left + ((at - from) / (HISTORY_SECONDS * 1000)) * (width - pad.left - pad.right);
  const y = (value) => height - pad.bottom - (value / max) * (height - pad.top - pad.bottom);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  const add = (tag, attrs, text) => {
    const element = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
    if (text !== undefined) element.textContent = text;
    svg.append(element);
    return element;
  };
  for (const fraction of [0, 0.5, 1]) {
    add('line', { x1: pad.left, x2: width - pad.right, y1: y(max * fraction), y2: y(max * fraction), class: 'grid' });
    add('text', { x: pad.left - 6, y: y(max * fraction) + 4, 'text-anchor': 'end', class: 'axis' }, rate(max * fraction));
  }
  add('text', { x: pad.left, y: height - 4, class: 'axis' }, '−5 min');
  add('text', { x: width - pad.right, y: height - 4, 'text-anchor': 'end', class: 'axis' }, 'now');
  const drawn = lines.filter((l) => l.points.length > 1);
  for (const line of drawn) {
    add('polyline', { points: line.points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '), stroke: line.color, class: 'series' });
  }
  const legend = h('div', { class: 'legend' }, lines.map((l) => h('span', {}, h('i', { style: `background:${l.color}` }), l.name)));
  const empty = drawn.length === 0 ? h('p', { class: 'empty overlay' }, 'Collecting… a line appears after two snapshots.') : null;
  container.replaceChildren(svg, legend, empty || '');
}

function renderProviders(snapshot) {
  if (!changed('providers', snapshot.providers)) return;
  const container = $('providers');
  if (snapshot.providers.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No provider is configured on any silo: set a Channels:* section (see README, Configuration) to deliver beyond the in-app inbox.'));
    return;
  }
  container.replaceChildren(...snapshot.providers.map((p) => {
    const failures = Object.entries(p.failuresByKind);
    return h('article', { class: `card provider circuit-${p.circuit}`, 'data-provider': p.channel, 'data-circuit': p.circuit },
      h('header', {}, h('h3', {}, p.channel), h('span', { class: `badge ${p.circuit}` }, `circuit ${p.circuit}`)),
      h('dl', {},
        h('div', {}, h('dt', {}, 'calls'), h('dd', {}, number(p.attempts))),
        h('div', {}, h('dt', {}, 'sent'), h('dd', {}, number(p.sent))),
        h('div', {}, h('dt', {}, 'failures'), h('dd', {}, failures.length ? failures.map(([k, v]) => `${k} ${number(v)}`).join(' · ') : 'none'))),
      p.recentErrors.length
        ? h('details', { open: state.openDetails.has(p.channel), ontoggle: (e) => { if (e.target.open) state.openDetails.add(p.channel); else state.openDetails.delete(p.channel); } },
          h('summary', {}, `Latest errors (${p.recentErrors.length})`),
          h('ul', { class: 'errors' }, p.recentErrors.map((e) => h('li', {}, h('time', {}, time(e.at)), ' ', h('b', {}, e.kind), ' ', e.reason || ''))))
        : h('p', { class: 'muted small' }, 'No errors since the silos started.'));
  }));
}

function renderSilos(snapshot) {
  if (!changed('silos', snapshot.silos.map((s) => [s.address, s.status, s.activations, Math.round(s.cpuUsagePercent ?? 0), Math.round((s.memoryUsageBytes ?? 0) / 1048576), s.reportsActivity]))) return;
  const body = $('silos').tBodies[0];
  body.replaceChildren(...snapshot.silos.map((s) => h('tr', { 'data-status': s.status },
    h('td', {}, s.name), h('td', {}, h('span', { class: `badge ${s.status}` }, s.status)), h('td', {}, s.hostName), h('td', { class: 'mono' }, s.address),
    h('td', {}, time(s.startedAt)), h('td', { class: 'num' }, s.activations === null ? '–' : number(s.activations)),
    h('td', { class: 'num' }, s.cpuUsagePercent === null ? '–' : `${s.cpuUsagePercent.toFixed(0)} %`), h('td', { class: 'num' }, bytes(s.memoryUsageBytes)),
    h('td', {}, s.reportsActivity ? 'yes' : 'no'))));
}

// --- dead letters -----------------------------------------------------------------------------------------
async function loadDeadLetters(reset) {
  // Only the newest request's answer is shown: a filter changed while a page was loading must not mix both lists.
  const load = ++state.loads;
  const body = $('dead-letters').tBodies[0];
  if (reset) {
    state.deadLetters = [];
    state.nextCursor = null;
    state.selected.clear();
    body.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'Loading…')));
  }
  const query = new URLSearchParams({ limit: '50' });
  if ($('dl-channel').value) query.set('channel', $('dl-channel').value);
  if (state.nextCursor) query.set('cursor', state.nextCursor);
  try {
    const page = await api(`/api/v1/admin/dead-letters?${query}`);
    if (load !== state.loads) return;
    state.deadLetters.push(...page.deadLetters);
    state.nextCursor = page.nextCursor;
    renderDeadLetters();
  } catch (error) {
    showError(`Could not load dead letters: ${error.message}`);
  }
}

function renderDeadLetters() {
  const body = $('dead-letters').tBodies[0];
  $('dl-more').hidden = !state.nextCursor;
  $('dl-replay-selected').disabled = state.selected.size === 0;
  $('dl-replay-selected').textContent = state.selected.size ? `Replay selected (${state.selected.size})` : 'Replay selected';
  if (state.deadLetters.length === 0) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No dead letters: every delivery was sent, failed for good, or is still being retried.')));
    return;
  }
  body.replaceChildren(...state.deadLetters.map((d) => h('tr', { 'data-delivery': d.id },
    h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Select ${d.id}`, checked: state.selected.has(d.id), onchange: (e) => { if (e.target.checked) state.selected.add(d.id); else state.selected.delete(d.id); renderDeadLetters(); } })),
    h('td', { class: 'mono' }, d.id), h('td', {}, d.channel), h('td', {}, d.lane), h('td', { class: 'mono' }, d.target), h('td', { class: 'num' }, d.attempts),
    h('td', { class: 'reason' }, d.reason || ''), h('td', {}, time(d.deadLetteredAt)),
    h('td', {}, h('button', { type: 'button', onclick: () => inspect(d.id) }, 'Inspect')))));
}

async function inspect(id) {
  const panel = $('dl-detail');
  panel.hidden = false;
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const detail = await api(`/api/v1/admin/dead-letters/${id}`);
    const d = detail.deadLetter;
    const n = detail.notification;
    const delivery = n?.deliveries.find((x) => x.id === d.id);
    panel.replaceChildren(
      h('header', {}, h('h3', {}, `Dead letter ${d.id}`), h('button', { type: 'button', class: 'link', onclick: () => { panel.hidden = true; } }, 'Close')),
      h('p', {}, `${d.channel} · ${d.lane} lane · ${d.attempts} attempts · to ${d.target}`),
      h('p', {}, h('b', {}, 'Last reason: '), d.reason || '–'),
      n ? h('p', {}, h('b', {}, 'Notification: '), h('span', { class: 'mono' }, n.id), ` for ${n.userId} · ${n.category} · “${n.title ?? n.type ?? ''}”`) : h('p', { class: 'muted' }, 'Its notification is no longer stored.'),
      delivery?.history?.length ? h('ol', { class: 'history' }, delivery.history.map((t) => h('li', {}, h('time', {}, time(t.at)), ' ', h('b', {}, t.status), t.detail ? ` — ${t.detail}` : ''))) : null,
      h('button', { type: 'button', class: 'primary', onclick: () => replay([d.id]) }, 'Replay this one'));
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'banner error' }, error.message));
  }
}

function confirmDialog(text, okLabel = 'Replay') {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = okLabel;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}

async function replay(ids) {
  const ok = await confirmDialog(ids.length === 1
    ? `Replay dead letter ${ids[0]}? It goes back to its queue, due now, with its attempts reset.`
    : `Replay ${ids.length} dead letters? They go back to their queues, due now, with their attempts reset.`);
  if (!ok) return;
  try {
    const result = await api('/api/v1/admin/dead-letters/replay', { method: 'POST', body: JSON.stringify({ deliveryIds: ids }) });
    $('dl-detail').hidden = true;
    showNotice(`Replayed ${result.replayed.length}${result.missing.length ? `; ${result.missing.length} were no longer dead letters` : ''}.`);
    await loadDeadLetters(true);
  } catch (error) {
    showError(`Replay failed: ${error.message}`);
  }
}

function showNotice(text, view = 'view-dead-letters') {
  const notice = h('p', { class: 'banner notice', role: 'status' }, text);
  $(view).prepend(notice);
  setTimeout(() => notice.remove(), 6000);
}

// --- campaigns --------------------------------------------------------------------------------------------
const CAMPAIGN_ACTIVE = new Set(['scheduled', 'running', 'paused']);
const CAMPAIGN_ACTIONS = {
  draft: ['start', 'cancel'],
  scheduled: ['cancel'],
  running: ['pause', 'cancel'],
  paused: ['resume', 'cancel'],
};
const FUNNEL = ['targeted', 'processed', 'delivered', 'opened', 'clicked'];
const OUTCOMES = ['suppressed', 'deferred', 'digested', 'failed'];

/** The list, then each campaign's progress; on the live tick only campaigns that can still change are read again. */
async function loadCampaigns(tick) {
  if (state.campaignsLoading) return;
  state.campaignsLoading = true;
  try {
    const list = await api('/api/v1/campaigns?limit=50');
    const known = state.campaigns || {};
    const views = await Promise.all(list.campaigns.map((c) =>
      tick && known[c.id] && !CAMPAIGN_ACTIVE.has(c.status) && known[c.id].status === c.status ? known[c.id] : api(`/api/v1/campaigns/${c.id}`)));
    state.campaigns = Object.fromEntries(views.map((v) => [v.id, v]));
    await Promise.all(views.filter((v) => v.status !== 'completed' && v.status !== 'cancelled' && state.campaignTotals[v.id] === undefined).map(countRecipients));
    renderCampaigns(views);
  } catch (error) {
    if (!tick) $('campaigns').replaceChildren(h('p', { class: 'banner error' }, `Could not load campaigns: ${error.message}`));
  } finally {
    state.campaignsLoading = false;
  }
}

/** How many users the campaign's segment selects now: "targeted" only counts those handed on so far. */
async function countRecipients(view) {
  try {
    const preview = await api('/api/v1/segments/preview', { method: 'POST', body: JSON.stringify({ segment: view.segment }) });
    state.campaignTotals[view.id] = preview.count;
  } catch {
    state.campaignTotals[view.id] = null;
  }
}

function renderCampaigns(views) {
  if (!changed('campaigns', [views, state.campaignTotals])) return;
  const container = $('campaigns');
  if (views.length === 0) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No campaigns yet. Create one with POST /api/v1/campaigns (README, "Campaigns"); it shows here with its progress.'));
    return;
  }
  container.replaceChildren(...views.map((c) => {
    const p = c.progress;
    // A finished campaign's total is what it targeted; a live one's is its segment's size now (which may still move).
    const total = c.status === 'completed' || c.status === 'cancelled' ? p.targeted : Math.max(state.campaignTotals[c.id] ?? p.targeted, p.targeted);
    const done = total ? Math.min(100, (100 * p.processed) / total) : 0;
    const top = Math.max(1, total);
    return h('article', { class: `card campaign status-${c.status}`, 'data-campaign': c.id, 'data-status': c.status },
      h('header', {}, h('h3', {}, c.name), h('span', { class: `badge ${c.status}` }, c.status),
        h('span', { class: 'muted small' }, `${c.priority} · ${number(c.ratePerSecond)}/s · created ${time(c.createdAt)}`)),
      h('div', { class: 'progress', role: 'progressbar', 'aria-label': `${c.name}: recipients processed`, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(done) },
        h('span', { style: `width:${done.toFixed(1)}%` })),
      h('p', { class: 'small' }, `${number(p.processed)} of ${number(total)} recipients processed (${number(p.targeted)} handed on)`,
        c.startedAt ? ` · started ${time(c.startedAt)}` : '', c.finishedAt ? ` · finished ${time(c.finishedAt)}` : ''),
      h('ol', { class: 'funnel', 'aria-label': 'Funnel' }, FUNNEL.map((step) => h('li', { 'data-step': step },
        h('span', { class: 'bar', style: `width:${((100 * (p[step] || 0)) / top).toFixed(1)}%` }),
        h('b', {}, step), ' ', h('span', { 'data-counter': step }, number(p[step]))))),
      h('p', { class: 'muted small' }, OUTCOMES.map((o) => `${o} ${number(p[o])}`).join(' · ')),
      h('div', { class: 'actions' }, (CAMPAIGN_ACTIONS[c.status] || []).map((action) =>
        h('button', { type: 'button', class: action === 'cancel' ? 'danger' : 'primary', 'data-action': action, onclick: () => campaignCommand(c, action) }, action))));
  }));
}

async function campaignCommand(campaign, action) {
  if (action === 'cancel' && !await confirmDialog(`Cancel campaign “${campaign.name}”? Nobody not reached yet will get it, and it cannot be resumed.`, 'Cancel campaign')) return;
  try {
    await api(`/api/v1/campaigns/${campaign.id}/${action}`, { method: 'POST' });
    showNotice(`Campaign “${campaign.name}”: ${action} done.`, 'view-campaigns');
    await loadCampaigns();
  } catch (error) {
    showError(`Could not ${action} “${campaign.name}”: ${error.message}`);
  }
}

// --- user lookup ------------------------------------------------------------------------------------------
async function lookUp(event) {
  event.preventDefault();
  const userId = $('user-id').value.trim();
  const result = $('user-result');
  result.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    const found = await api(`/api/v1/admin/users/${encodeURIComponent(userId)}`);
    const user = found.user;
    result.replaceChildren(
      h('div', { class: 'grid two' },
        h('article', { class: 'card' }, h('h3', {}, user.profile.displayName || user.userId),
          h('dl', { class: 'facts' },
            h('div', {}, h('dt', {}, 'user id'), h('dd', { class: 'mono' }, user.userId)),
            h('div', {}, h('dt', {}, 'locale · time zone'), h('dd', {}, `${user.profile.locale ?? '–'} · ${user.profile.timeZone ?? '–'}`)),
            h('div', {}, h('dt', {}, 'email'), h('dd', {}, user.profile.email ?? '–')),
            h('div', {}, h('dt', {}, 'phone'), h('dd', {}, user.profile.phone ?? '–')),
            h('div', {}, h('dt', {}, 'tags'), h('dd', {}, (user.profile.tags || []).join(', ') || '–')))),
        h('article', { class: 'card' }, h('h3', {}, 'Preferences'), h('pre', {}, JSON.stringify(user.preferences, null, 2)))),
      h('h3', {}, `Devices (${user.devices.length})`),
      user.devices.length
        ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Id'), h('th', {}, 'Kind'), h('th', {}, 'Address'), h('th', {}, 'Registered'))),
          h('tbody', {}, user.devices.map((d) => h('tr', {}, h('td', { class: 'mono' }, d.id), h('td', {}, d.kind), h('td', { class: 'mono' }, truncate(d.address, 32)), h('td', {}, time(d.registeredAt)))))))
        : h('p', { class: 'empty' }, 'No devices registered.'),
      h('h3', {}, `Newest notifications (${found.recentNotifications.length})`),
      found.recentNotifications.length
        ? h('ul', { class: 'notifications' }, found.recentNotifications.map((n) => h('li', { class: 'card', 'data-notification': n.id },
          h('header', {}, h('b', {}, n.title ?? n.type ?? n.category), h('span', { class: `badge ${n.status}` }, n.status), h('time', {}, time(n.createdAt))),
          h('p', { class: 'muted small' }, `${n.category} · ${n.priority} · `, h('span', { class: 'mono' }, n.id)),
          n.deliveries.length ? h('table', { class: 'deliveries' }, h('tbody', {}, n.deliveries.map((d) => h('tr', {},
            h('td', {}, d.channel), h('td', {}, h('span', { class: `badge ${d.status}` }, d.status)), h('td', { class: 'mono' }, d.target),
            h('td', { class: 'small' }, (d.history || []).map((t) => `${t.status} ${new Date(t.at).toLocaleTimeString('en-GB')}`).join(' → ')))))) : h('p', { class: 'muted small' }, 'No deliveries.'))))
        : h('p', { class: 'empty' }, 'No notifications for this user yet.'));
  } catch (error) {
    result.replaceChildren(h('p', { class: 'banner error' }, error.message));
  }
}

// --- wiring -----------------------------------------------------------------------------------------------
window.addEventListener('hashchange', showView);
$('dl-channel').addEventListener('change', () => loadDeadLetters(true));
$('dl-refresh').addEventListener('click', () => loadDeadLetters(true));
$('dl-more').addEventListener('click', () => loadDeadLetters(false));
$('dl-all').addEventListener('change', (e) => {
  state.selected = new Set(e.target.checked ? state.deadLetters.map((d) => d.id) : []);
  renderDeadLetters();
});
$('dl-replay-selected').addEventListener('click', () => replay([...state.selected]));
$('user-form').addEventListener('submit', lookUp);
$('cp-refresh').addEventListener('click', () => loadCampaigns());
showView();
connect();
