/* global document, fetch, URLSearchParams, location, history, EventSource */
// The simulator's web inbox: plain DOM and the control API, no framework and no build step. Every text that came
// from a request goes through textContent, never innerHTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { provider: '', account: '', phone: '', threads: undefined, source: undefined };

/** Status words of every provider on one scale of ticks. */
const TICKS = {
  pending: 'queued',
  processing: 'queued',
  queued: 'queued',
  0: 'queued',
  sent: 'sent',
  server: 'sent',
  1: 'sent',
  delivered: 'delivered',
  phone: 'delivered',
  2: 'delivered',
  read: 'read',
  3: 'read',
  failed: 'failed',
  refunded: 'failed',
  Failed: 'failed',
  9: 'failed',
};
const TICK_TEXT = { queued: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '✕' };
const TICK_LABEL = { queued: 'queued', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

async function api(method, path, body) {
  const response = await fetch(`/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const message = json && json.message ? [].concat(json.message).join('; ') : text;
    throw new Error(`${response.status}: ${message}`);
  }
  return json;
}

function notify(error) {
  $('notice').textContent = error ? String(error.message || error) : '';
}

const digits = (phone) => String(phone).replace(/\D/g, '');

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('aria-') || key === 'role' || key === 'datetime') node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function fillSelect(select, items, selected) {
  select.replaceChildren(
    ...items.map(([value, label]) => el('option', { value, text: label, selected: value === selected })),
  );
}

async function loadProviders() {
  const routes = await api('GET', '/routes');
  const wanted = new URLSearchParams(location.search);
  state.provider = wanted.get('provider') || routes[0].provider;
  fillSelect(
    $('provider'),
    routes.map((r) => [r.provider, r.name]),
    state.provider,
  );
  await loadAccounts(wanted.get('account'));
}

async function loadAccounts(preferred) {
  const accounts = await api('GET', `/accounts?provider=${encodeURIComponent(state.provider)}`);
  state.account = accounts.some((a) => a.id === preferred) ? preferred : (accounts[0] || {}).id || '';
  fillSelect(
    $('account'),
    accounts.map((a) => [a.id, a.id]),
    state.account,
  );
  const account = accounts.find((a) => a.id === state.account);
  if (account) showSettings(account);
  state.phone = '';
  watch();
}

function showSettings(account) {
  const form = $('settings');
  form.credits.value = account.credits ?? 0;
  form.plan.value = account.plan ?? 'active';
  form.ipWhitelist.value = (account.ipWhitelist || []).join(', ');
  form.rateLimitPerMinute.value = account.rateLimitPerMinute ?? 0;
}

/** One live stream per selected account: the server sends the whole thread set whenever it changes. */
function watch() {
  if (state.source) state.source.close();
  history.replaceState(null, '', `?provider=${state.provider}&account=${encodeURIComponent(state.account)}`);
  if (!state.account) return;
  const source = new EventSource(`/__admin/threads/events?account=${encodeURIComponent(state.account)}`);
  state.source = source;
  source.addEventListener('threads', (event) => {
    state.threads = JSON.parse(event.data);
    render();
  });
  source.onopen = () => ($('live').textContent = 'live');
  source.onerror = () => ($('live').textContent = 'reconnecting…');
}

function phonesOf(threads) {
  const phones = new Map();
  const touch = (number, at) => {
    const key = digits(number);
    const seen = phones.get(key);
    if (!seen || seen.at < at) phones.set(key, { number, at });
  };
  for (const m of threads.outbound) touch(m.to, m.createdAt);
  for (const m of threads.inbound) touch(m.from, m.createdAt);
  if (state.phone && !phones.has(digits(state.phone)))
    phones.set(digits(state.phone), { number: state.phone, at: '' });
  return [...phones.values()].sort((a, b) => b.at.localeCompare(a.at));
}

function render() {
  const threads = state.threads;
  if (!threads) return;
  $('now').textContent = threads.now;
  $('now').setAttribute('datetime', threads.now);
  const phones = phonesOf(threads);
  $('phones').replaceChildren(
    ...phones.map((p) => {
      const current = digits(p.number) === digits(state.phone);
      const button = el('button', { type: 'button', text: p.number, 'aria-current': String(current) });
      button.addEventListener('click', () => openPhone(p.number));
      return el('li', {}, button);
    }),
  );
  if (!phones.length) $('phones').append(el('li', { text: 'No messages yet.' }));
  renderThread();
}

function renderThread() {
  const threads = state.threads;
  const title = $('thread-title');
  if (!state.phone) {
    title.textContent = 'Pick a phone';
    $('messages').replaceChildren();
    $('reply').hidden = true;
    return;
  }
  title.textContent = `Phone ${state.phone}`;
  $('reply').hidden = false;
  const key = digits(state.phone);
  const items = [
    ...threads.outbound
      .filter((m) => digits(m.to) === key)
      .map((m) => ({ at: m.createdAt, node: outbound(m) })),
    ...threads.inbound
      .filter((m) => digits(m.from) === key)
      .map((m) => ({ at: m.createdAt, node: inbound(m) })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  $('messages').replaceChildren(...items.map((i) => i.node));
  const list = $('messages');
  list.scrollTop = list.scrollHeight;
}

function time(iso) {
  return el('time', { datetime: iso, text: iso.slice(11, 19) });
}

function outbound(m) {
  const tick = TICKS[m.status] || 'queued';
  const item = el('li', { class: 'bubble out', 'aria-label': `sent message, ${TICK_LABEL[tick]}` });
  item.dataset.id = m.id;
  item.dataset.status = m.status;
  item.dataset.tick = tick;
  if (m.type && m.type !== 'text' && m.type !== 'chat')
    item.append(el('div', { class: 'kind', text: m.type }));
  if (m.text) item.append(el('div', { class: 'text', text: m.text }));
  const extra = details(m.details || {});
  if (extra) item.append(extra);
  if (m.error) item.append(el('div', { class: 'error', text: m.error }));
  item.append(
    el(
      'div',
      { class: 'meta' },
      time(m.createdAt),
      el('span', {
        class: `ticks ${tick}`,
        text: TICK_TEXT[tick],
        title: m.status,
        'aria-label': `status ${m.status}`,
      }),
    ),
  );
  return item;
}

function inbound(m) {
  const item = el('li', { class: 'bubble in', 'aria-label': 'customer message' });
  item.append(el('div', { class: 'text', text: m.text }), el('div', { class: 'meta' }, time(m.createdAt)));
  return item;
}

const IMAGE = /\.(png|jpe?g|gif|webp)(\?|$)/i;

/** Media, locations, buttons, polls and contact cards, from whatever fields the provider keeps. */
function details(d) {
  const parts = [];
  const url = d.media_url || d.url;
  if (typeof url === 'string' && /^https?:/i.test(url)) {
    parts.push(
      IMAGE.test(url) ? el('img', { class: 'preview', src: url, alt: d.filename || 'media preview' }) : null,
    );
    parts.push(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: d.filename || url }));
  }
  if (d.media && d.media.filename)
    parts.push(el('div', { class: 'card', text: `📎 ${d.media.filename} (${d.media.mimetype})` }));
  if (typeof d.latitude === 'number' && typeof d.longitude === 'number') {
    const place = [d.name, d.address].filter(Boolean).join(', ');
    parts.push(
      el('div', { class: 'card', text: `📍 ${place ? place + ' — ' : ''}${d.latitude}, ${d.longitude}` }),
    );
  }
  if (Array.isArray(d.buttons)) {
    parts.push(
      el('div', { class: 'card' }, el('strong', { text: d.title || 'Buttons' }), list(d.buttons.map(label))),
    );
    if (d.footer) parts.push(el('div', { class: 'kind', text: d.footer }));
  }
  if (Array.isArray(d.values))
    parts.push(
      el(
        'div',
        { class: 'card' },
        el('strong', { text: `Poll (choose ${d.selectable_count || 1})` }),
        list(d.values.map(label)),
      ),
    );
  if (Array.isArray(d.contacts))
    parts.push(
      el('div', { class: 'card' }, el('strong', { text: 'Contact card' }), list(d.contacts.map(label))),
    );
  const real = parts.filter(Boolean);
  return real.length ? el('div', {}, ...real) : null;
}

function label(value) {
  if (value === null || typeof value !== 'object') return String(value);
  return (
    value.title ||
    value.text ||
    value.displayText ||
    value.name ||
    value.fullName ||
    value.phone ||
    JSON.stringify(value)
  );
}

function list(items) {
  return el('ul', {}, ...items.map((t) => el('li', { text: t })));
}

function openPhone(number) {
  state.phone = number;
  render();
  $('reply-text').focus();
}

async function refreshFaults() {
  const faults = await api('GET', '/faults');
  $('faults').replaceChildren(
    ...faults.map((f) => {
      const remove = el('button', { type: 'button', text: 'Remove', 'aria-label': `Remove fault ${f.id}` });
      remove.addEventListener('click', () => act(() => api('DELETE', `/faults/${f.id}`)).then(refreshFaults));
      const what = `${f.provider} ${f.kind}${f.status ? ' ' + f.status : ''} ${f.method || '*'} ${f.path || '**'} (fired ${f.fired})`;
      return el('li', {}, el('span', { text: what + ' ' }), remove);
    }),
  );
}

/** Runs an action, showing its error (a 4xx says what was wrong) instead of throwing it away. */
async function act(action) {
  try {
    notify();
    return await action();
  } catch (error) {
    notify(error);
    return undefined;
  }
}

function wire() {
  $('provider').addEventListener('change', (e) => {
    state.provider = e.target.value;
    act(() => loadAccounts());
  });
  $('account').addEventListener('change', (e) => act(() => loadAccounts(e.target.value)));
  $('new-phone').addEventListener('submit', (e) => {
    e.preventDefault();
    openPhone($('new-phone-number').value.trim());
    $('new-phone-number').value = '';
  });
  $('reply').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('reply-text').value;
    act(async () => {
      await api('POST', '/inbound', {
        provider: state.provider,
        account: state.account,
        from: state.phone,
        text,
      });
      $('reply-text').value = '';
    });
  });
  $('reply-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('reply').requestSubmit();
  });
  for (const button of document.querySelectorAll('[data-advance]'))
    button.addEventListener('click', () =>
      act(() => api('POST', '/clock/advance', { ms: Number(button.dataset.advance) })),
    );
  $('settings').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target;
    act(async () => {
      const account = await api('PATCH', `/accounts/${encodeURIComponent(state.account)}`, {
        credits: Number(f.credits.value),
        plan: f.plan.value,
        ipWhitelist: f.ipWhitelist.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        rateLimitPerMinute: Number(f.rateLimitPerMinute.value),
      });
      showSettings(account);
    });
  });
  $('reset-account').addEventListener('click', () =>
    act(() => api('POST', `/reset?account=${encodeURIComponent(state.account)}`)).then(() =>
      act(() => loadAccounts(state.account)),
    ),
  );
  $('reset-all').addEventListener('click', () =>
    act(() => api('POST', '/reset'))
      .then(() => act(() => loadAccounts(state.account)))
      .then(refreshFaults),
  );
  $('fault').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.target;
    const spec = { provider: state.provider, kind: f.kind.value };
    if (f.method.value.trim()) spec.method = f.method.value.trim().toUpperCase();
    if (f.path.value.trim()) spec.path = f.path.value.trim();
    if (f.status.value) spec.status = Number(f.status.value);
    if (f.times.value) spec.times = Number(f.times.value);
    act(() => api('POST', '/faults', spec)).then(refreshFaults);
  });
  $('clear-faults').addEventListener('click', () => act(() => api('DELETE', '/faults')).then(refreshFaults));
}

wire();
act(loadProviders).then(() => act(refreshFaults));
