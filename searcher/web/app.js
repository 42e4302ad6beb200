// Docket's search page: talks to `searcher serve` over /api/*, keeps the whole state in the URL.
//
// Safety rule for this file: text that comes from the index (titles, snippets, article text, entity
// names, paths) only ever reaches the page through textContent, createTextNode or setAttribute on
// harmless attributes (href only for URLs we built ourselves, or checked to be http(s)). There is
// no innerHTML anywhere, so an article cannot inject markup or script.

const PAGE_SIZE = 10;
const FACET_LIMIT = 10;
const FILTER_LIMIT = 50;      // values shown when the facet filter box is used
const TOKEN_KEY = 'docket-token';
const SVG_NS = 'http://www.w3.org/2000/svg';

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('search-form'), q: $('q'), sort: $('sort'),
  auth: $('auth'), authMessage: $('auth-message'), token: $('token'),
  error: $('error'), summary: $('summary'), chips: $('chips'),
  searchView: $('search-view'), facets: $('facets'), hits: $('hits'), pager: $('pager'),
  articleView: $('article-view'), articleBack: $('article-back'), articleTitle: $('article-title'),
  articleMeta: $('article-meta'), articleText: $('article-text'), articleEntities: $('article-entities'),
  stats: $('stats'),
};

// ---------------------------------------------------------------------------------------------
// State <-> URL. The query string is the only source of truth: every view is rendered from it, so
// shared links, reloads and back/forward all work the same way.

const RANGE_KEYS = ['amount_min', 'amount_max', 'from', 'to'];

function readState() {
  const p = new URLSearchParams(location.search);
  const offset = Number.parseInt(p.get('offset') || '0', 10);
  return {
    q: p.get('q') || '',
    company: p.getAll('company').filter(Boolean),
    case: p.getAll('case').filter(Boolean),
    amount_min: p.get('amount_min') || '',
    amount_max: p.get('amount_max') || '',
    from: p.get('from') || '',
    to: p.get('to') || '',
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    doc: p.get('doc') || '',
    new: p.get('new') || '',   // a saved search's name: only its matches indexed since it was last checked
  };
}

// The query text and filters, as both the page URL and the API take them.
function filterParams(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const c of state.company) p.append('company', c);
  for (const c of state.case) p.append('case', c);
  for (const k of RANGE_KEYS) if (state[k]) p.set(k, state[k]);
  if (state.new) p.set('new', state.new);
  return p;
}

function urlFor(state) {
  const p = filterParams(state);
  if (state.offset) p.set('offset', String(state.offset));
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.doc) p.set('doc', state.doc);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

function hasSearch(state) {
  return Boolean(state.q || state.company.length || state.case.length ||
                 RANGE_KEYS.some((k) => state[k]));
}

// A new search (other words or filters) starts at the first page, in the results view.
function refine(state, changes) {
  return { ...state, offset: 0, doc: '', ...changes };
}

function navigate(state) {
  const url = urlFor(state);
  // Re-submitting the same search must not stack identical history entries.
  if (url === location.pathname + location.search) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

// An internal link: a real href (so it can be opened in a new tab), followed by pushState.
function navLink(state, text, className) {
  const a = document.createElement('a');
  a.href = urlFor(state);
  a.dataset.nav = '';
  if (className) a.className = className;
  if (text !== undefined) a.textContent = text;
  return a;
}

// ---------------------------------------------------------------------------------------------
// The API, with the bearer token when the server asks for one.

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function authHeaders(accept) {
  const headers = { Accept: accept };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

async function api(path, params) {
  const url = params && params.toString() ? `${path}?${params}` : path;
  return apiFetch(url, { headers: authHeaders('application/json'), cache: 'no-store' });
}

// Writes send a JSON body: the server takes no other (a cross-site form cannot send one).
async function apiPost(path, body) {
  const headers = { ...authHeaders('application/json'), 'Content-Type': 'application/json' };
  return apiFetch(path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
}

async function apiFetch(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch (err) {
    throw new ApiError(0, `Cannot reach the server (${err.message}).`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: reported below
  }
  const message = body && typeof body.error === 'string' ? body.error : '';
  if (!res.ok) throw new ApiError(res.status, message || `The server answered HTTP ${res.status}.`);
  if (body === null || typeof body !== 'object') {
    throw new ApiError(res.status, 'The server sent an answer that is not JSON.');
  }
  return body;
}

function askForToken(rejected) {
  const hadToken = sessionStorage.getItem(TOKEN_KEY) !== null;
  sessionStorage.removeItem(TOKEN_KEY);
  ui.authMessage.textContent = hadToken
    ? `The access token was not accepted${rejected ? ` (${rejected})` : ''}. Enter it again.`
    : 'This server needs an access token.';
  ui.auth.hidden = false;
  ui.token.focus();
}

ui.auth.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = ui.token.value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  ui.token.value = '';
  ui.auth.hidden = true;
  loadSaved();   // first: a new=NAME view waits for it (see render)
  render();
  loadStats();
});

// ---------------------------------------------------------------------------------------------
// Rendering. Each render gets a sequence number; an answer that arrives after a newer render
// started is dropped, so fast typing or back/forward never shows stale results.

let renderSeq = 0;
let lastSearch = null;    // {state, data} of the results on screen, for the facet filter boxes

function setPageState(value) {
  document.body.dataset.state = value;
}

function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = false;
}

async function render() {
  const seq = ++renderSeq;
  const state = readState();
  ui.q.value = state.q;
  ui.sort.value = state.sort;
  ui.error.hidden = true;
  setPageState('loading');
  renderSavedList(state);
  renderSaveControl(state);
  renderNewBanner(state);
  try {
    // Mark as read sends the stamps of the last /api/saved answer: they must be read before this
    // search runs, so that an article indexed in between is shown again next time, never skipped.
    if (state.new && savedLoading) await savedLoading;
    if (state.doc) await renderArticle(state, seq);
    else if (hasSearch(state)) await renderResults(state, seq);
    else renderWelcome();
    if (seq === renderSeq) setPageState('ready');
  } catch (err) {
    if (seq !== renderSeq) return;
    if (err instanceof ApiError && err.status === 401) {
      askForToken(err.message);
      setPageState('auth');
      return;
    }
    showError(err.message || String(err));
    setPageState('error');
  }
}

function showView(which) {
  ui.searchView.hidden = which !== 'search';
  ui.articleView.hidden = which !== 'article';
}

// Empties the results view: summary, hits, pages and facets (the chips are the caller's).
function clearResults() {
  lastSearch = null;
  ui.summary.replaceChildren();
  ui.summary.className = 'summary';
  ui.hits.replaceChildren();
  ui.hits.removeAttribute('aria-busy');
  ui.pager.replaceChildren();
  ui.facets.hidden = true;
}

function renderWelcome() {
  showView('search');
  clearResults();
  document.title = 'Docket';
  ui.chips.replaceChildren();
  ui.summary.className = 'summary welcome';
  ui.summary.replaceChildren('Type words to search; refine with companies, cases, amounts and dates.');
}

async function renderResults(state, seq) {
  const params = filterParams(state);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(state.offset));
  params.set('sort', state.sort);
  params.set('facet_limit', String(FACET_LIMIT));
  params.set('months', '1');
  showView('search');
  ui.hits.setAttribute('aria-busy', 'true');
  let data;
  try {
    data = await api('/api/search', params);
  } catch (err) {
    if (seq === renderSeq) {
      // Keep the chips so a bad filter can be removed; drop results that no longer apply.
      clearResults();
      renderChips(state);
    }
    throw err;
  }
  if (seq !== renderSeq) return;
  lastSearch = { state, data };
  document.title = state.q ? `${state.q} – Docket` : 'Docket';
  renderSummary(state, data);
  renderChips(state);
  renderHits(state, data);
  renderPager(state, data);
  renderFacets(state, data);
  ui.hits.removeAttribute('aria-busy');
  renderEntityPanel(state, seq);
}

// ---- the entity panel: with a company (or else a case) filter on, that value's profile
// within the query, from /api/summary: articles, dates, largest amounts, co-mentions.

async function renderEntityPanel(state, seq) {
  const panel = $('entity-panel');
  const kind = state.company.length ? 'company' : state.case.length ? 'case' : '';
  if (!kind) {
    panel.hidden = true;
    panel.replaceChildren();
    return;
  }
  const params = filterParams(state);
  params.set('kind', kind);
  let data;
  try {
    data = await api('/api/summary', params);
  } catch {
    panel.hidden = true;  // the results are shown; the panel is an extra
    return;
  }
  if (seq !== renderSeq) return;
  const parts = [];
  for (const s of data.summary || []) {
    const box = document.createElement('section');
    box.className = 'entity-profile';
    box.dataset.testid = 'entity-profile';
    const h = document.createElement('h2');
    h.textContent = s.value;
    const facts = document.createElement('p');
    const dates = s.first_date ? ` · ${s.first_date}${s.last_date !== s.first_date ? ` to ${s.last_date}` : ''}` : '';
    facts.textContent = `${fmtCount(s.articles)} ${s.articles === 1 ? 'article' : 'articles'}${dates}`;
    box.append(h, facts);
    if ((s.largest_amounts || []).length) {
      const list = document.createElement('ul');
      list.className = 'entity-amounts';
      for (const a of s.largest_amounts) {
        const li = document.createElement('li');
        const link = navLink({ ...state, doc: a.id }, a.title);
        li.append(`${a.currency} ${formatAmount(a.value)} in `, link);
        list.append(li);
      }
      box.append(list);
    }
    if ((s.with || []).length) {
      const p = document.createElement('p');
      p.className = 'entity-with';
      p.append('With: ');
      s.with.forEach((w, i) => {
        const key = w.kind === 'company' ? 'company' : 'case';
        const a = navLink(refine(state, { [key]: [...state[key], w.value] }), w.value);
        p.append(i ? ', ' : '', a, ` (${fmtCount(w.articles)})`);
      });
      box.append(p);
    }
    parts.push(box);
  }
  panel.replaceChildren(...parts);
  panel.hidden = parts.length === 0;
}

function formatAmount(value) {
  const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [scale, suffix] of units) if (Math.abs(value) >= scale) return `${(value / scale).toPrecision(3).replace(/\.?0+$/, '')}${suffix}`;
  return String(value);
}

const fmtCount = (n) => Number(n || 0).toLocaleString('en-US');

function renderSummary(state, data) {
  const parts = [];
  const total = Number(data.total) || 0;
  ui.summary.className = total ? 'summary' : 'summary empty';
  const line = document.createElement('p');
  line.className = 'total';
  if (total === 0) {
    line.id = 'total';             // the test reads data-total here too
    line.dataset.total = '0';
    line.textContent = 'No articles match';
    if (state.q) line.append(' ', quoted(state.q));
    line.append(hasFilters(state) ? ' with these filters. Try removing a filter.' : '.');
  } else {
    const first = (Number(data.offset) || 0) + 1;
    const last = first - 1 + (data.hits || []).length;
    const count = document.createElement('strong');
    count.id = 'total';
    count.dataset.testid = 'total';
    count.dataset.total = String(total);
    count.textContent = fmtCount(total);
    line.append(count, total === 1 ? ' article' : ' articles');
    if (state.q) line.append(' for ', quoted(state.q));
    if (last >= first) {
      line.append(` · showing ${fmtCount(first)}–${fmtCount(last)}`);
    } else {  // an offset past the end, e.g. from an old link
      line.append(' · this page is past the last one: ', navLink({ ...state, offset: 0 }, 'first page'));
    }
  }
  if (total > 0) line.append(' · ', downloadButton(state));
  parts.push(line);
  if (data.suggestion) {
    const p = document.createElement('p');
    p.className = 'suggestion';
    const a = navLink(refine(state, { q: data.suggestion }), data.suggestion, 'suggestion-link');
    a.id = 'suggestion';
    p.append('Did you mean ', a, '?');
    parts.push(p);
  }
  // Entity hints: the query names a company or case; a chip adds its filter (the query stays).
  const hints = (data.hints || []).filter((h) => (h.kind === 'company' || h.kind === 'case') && !state[h.kind].includes(h.value));
  if (hints.length) {
    const p = document.createElement('p');
    p.className = 'hints';
    p.append('Filter by ');
    hints.forEach((h, i) => {
      const chip = navLink(refine(state, { [h.kind]: [...state[h.kind], h.value] }), '', 'chip hint-chip');
      chip.dataset.testid = 'hint';
      chip.title = `"${h.text}" names this ${h.kind}: show only the articles naming it`;
      const kind = document.createElement('span');
      kind.className = 'chip-label';
      kind.textContent = h.kind === 'company' ? 'Company:' : 'Case:';
      chip.append(kind, ' ', h.value);
      p.append(i ? ' ' : '', chip);
    });
    p.append('?');
    parts.push(p);
  }
  if (data.words_ignored) {
    parts.push(note('The query has no searchable words: only the filters were applied.'));
  }
  if (data.partial) {
    const missing = (data.missing_shards || []).join(', ');
    parts.push(note(`Some indexes did not answer, so the results are incomplete${missing ? `: ${missing}` : ''}.`));
  }
  ui.summary.replaceChildren(...parts);
}

// Every match as CSV, from /api/export. Fetched (so the token goes along) and saved from a blob.
function downloadButton(state) {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'download-csv';
  button.className = 'link-button';
  button.textContent = 'Download CSV';
  button.addEventListener('click', async () => {
    const params = filterParams(state);
    if (state.sort !== 'relevance') params.set('sort', state.sort);
    params.set('format', 'csv');
    params.set('limit', '0');
    button.disabled = true;
    try {
      const res = await fetch(`/api/export?${params}`, { headers: authHeaders('text/csv'), cache: 'no-store' });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        throw new Error(body && typeof body.error === 'string' ? body.error : `HTTP ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'docket-export.csv';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      showError(`Download failed: ${err.message}`);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function quoted(text) {
  const q = document.createElement('q');
  q.textContent = text;
  return q;
}

function note(text) {
  const p = document.createElement('p');
  p.className = 'note';
  p.textContent = text;
  return p;
}

function hasFilters(state) {
  return hasSearch({ ...state, q: '' }) || Boolean(state.new);
}

// ---- filter chips

function renderChips(state) {
  const chips = [];
  const chip = (label, value, without) => {
    const li = document.createElement('li');
    li.className = 'chip';
    li.dataset.testid = 'chip';
    const name = document.createElement('span');
    name.className = 'chip-label';
    name.textContent = `${label}: `;
    const val = document.createElement('span');
    val.className = 'chip-value';
    val.textContent = value;
    const remove = navLink(refine(state, without), '×', 'chip-remove');
    remove.setAttribute('aria-label', `Remove filter ${label}: ${value}`);
    remove.title = 'Remove this filter';
    li.append(name, val, remove);
    chips.push(li);
  };
  for (const c of state.company) chip('Company', c, { company: state.company.filter((x) => x !== c) });
  for (const c of state.case) chip('Case', c, { case: state.case.filter((x) => x !== c) });
  if (state.amount_min || state.amount_max) {
    chip('Amount', amountRangeLabel(state.amount_min, state.amount_max), { amount_min: '', amount_max: '' });
  }
  if (state.from || state.to) chip('Date', dateRangeLabel(state.from, state.to), { from: '', to: '' });
  if (state.new) chip('New in', state.new, { new: '' });
  if (chips.length > 1) {
    const li = document.createElement('li');
    li.className = 'chip-clear';
    li.append(navLink({ ...refine(state, {}), company: [], case: [], amount_min: '', amount_max: '', from: '', to: '', new: '' },
                      'Clear all filters', 'clear-filters'));
    chips.push(li);
  }
  ui.chips.replaceChildren(...chips);
}

// "$1.5B" style: compact dollars for facet labels and chips.
function formatUsd(value) {
  const v = Number(value);
  if (!Number.isFinite(v)) return String(value);
  const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [size, unit] of units) {
    if (Math.abs(v) >= size) return `$${Number((v / size).toPrecision(3))}${unit}`;
  }
  return `$${Number(v.toPrecision(3))}`;
}

function amountRangeLabel(min, max) {
  const low = Number(min) > 0;   // the lowest bucket starts at 0: "up to"
  if (low && max) return `${formatUsd(min)}–${formatUsd(max)}`;
  if (low) return `${formatUsd(min)} and more`;
  return max ? `up to ${formatUsd(max)}` : 'any';
}

function yearOfRange(from, to) {
  const m = /^(\d{4})-01-01$/.exec(from);
  return m && to === `${m[1]}-12-31` ? m[1] : '';
}

function dateRangeLabel(from, to) {
  const year = yearOfRange(from, to);
  if (year) return year;
  if (from && to) return `${from} – ${to}`;
  return from ? `from ${from}` : `until ${to}`;
}

// ---- hits

// Snippets mark matched words as **word**: after splitting on "**", odd pieces are the matches.
function appendHighlighted(parent, snippet) {
  String(snippet || '').split('**').forEach((piece, i) => {
    if (!piece) return;
    if (i % 2) {
      const mark = document.createElement('mark');
      mark.textContent = piece;
      parent.append(mark);
    } else {
      parent.append(document.createTextNode(piece));
    }
  });
}

function renderHits(state, data) {
  const items = (data.hits || []).map((hit) => {
    const li = document.createElement('li');
    li.className = 'hit';
    li.dataset.testid = 'hit';
    li.dataset.id = hit.id;
    const h = document.createElement('h3');
    h.append(navLink({ ...state, doc: hit.id }, hit.title || '(untitled)', 'hit-title'));
    const meta = document.createElement('p');
    meta.className = 'hit-meta';
    const date = document.createElement('span');
    date.className = 'hit-date';
    date.textContent = hit.date || 'undated';
    const path = document.createElement('span');
    path.className = 'hit-path';
    path.textContent = hit.path || hit.id;
    meta.append(date, path);
    if (hit.duplicates > 0) {
      const dup = document.createElement('span');
      dup.className = 'hit-duplicates';
      dup.textContent = `+${hit.duplicates} identical ${hit.duplicates === 1 ? 'copy' : 'copies'}`;
      meta.append(dup);
    }
    const snippet = document.createElement('p');
    snippet.className = 'hit-snippet';
    appendHighlighted(snippet, hit.snippet);
    li.append(h, meta, snippet);
    const tags = entityTags(state, hit);
    if (tags) li.append(tags);
    return li;
  });
  ui.hits.start = (Number(data.offset) || 0) + 1;
  ui.hits.replaceChildren(...items);
}

// A hit's companies and cases as small links that add the filter.
function entityTags(state, hit) {
  const ul = document.createElement('ul');
  ul.className = 'hit-entities';
  const add = (kind, name) => {
    const li = document.createElement('li');
    const selected = state[kind].includes(name);
    const a = navLink(refine(state, { [kind]: selected ? state[kind] : [...state[kind], name] }), name,
                      `tag tag-${kind}`);
    a.title = `Only articles naming ${name}`;
    li.append(a);
    ul.append(li);
  };
  for (const c of hit.cases || []) add('case', c);
  for (const c of hit.companies || []) add('company', c);
  return ul.childElementCount ? ul : null;
}

// ---- pagination: previous, next, and the page numbers around the current one

function renderPager(state, data) {
  const total = Number(data.total) || 0;
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) {
    ui.pager.replaceChildren();
    return;
  }
  // Past the end (an old link), "previous" leads to the last page.
  const current = Math.min(Math.floor(state.offset / PAGE_SIZE), pages);
  const pageLink = (page, text, className) => {
    const a = navLink({ ...state, offset: page * PAGE_SIZE }, text, className);
    a.dataset.page = String(page + 1);
    return a;
  };
  const gap = () => {
    const s = document.createElement('span');
    s.className = 'page-gap';
    s.textContent = '…';
    return s;
  };
  const items = [];
  if (current > 0) items.push(pageLink(current - 1, '‹ Previous', 'page-prev'));
  const shown = new Set([0, pages - 1]);
  for (let p = current - 2; p <= current + 2; p++) if (p >= 0 && p < pages) shown.add(p);
  let previous = -1;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - previous > 1) items.push(gap());
    if (p === current) {
      const s = document.createElement('span');
      s.className = 'page-number current';
      s.setAttribute('aria-current', 'page');
      s.textContent = String(p + 1);
      items.push(s);
    } else {
      items.push(pageLink(p, String(p + 1), 'page-number'));
    }
    previous = p;
  }
  if (current < pages - 1) items.push(pageLink(current + 1, 'Next ›', 'page-next'));
  ui.pager.replaceChildren(...items);
}

// ---- facets

function facetValue(href, name, count, selected) {
  const li = document.createElement('li');
  href.classList.add('facet-value');
  if (selected) {
    href.classList.add('selected');
    href.setAttribute('aria-pressed', 'true');
    href.title = 'Remove this filter';
  }
  const label = document.createElement('span');
  label.className = 'facet-name';
  label.textContent = name;
  const num = document.createElement('span');
  num.className = 'facet-count';
  num.textContent = fmtCount(count);
  href.append(label, num);
  li.append(href);
  return li;
}

// Company and case values: clicking adds the value to the filter (or removes it when selected).
function renderValueFacet(kind, state, values, emptyText) {
  const list = $(`facet-${kind}`);
  const items = (values || []).map((v) => {
    const selected = state[kind].includes(v.value);
    const next = selected ? state[kind].filter((x) => x !== v.value) : [...state[kind], v.value];
    const a = navLink(refine(state, { [kind]: next }));
    a.dataset.value = v.value;
    return facetValue(a, v.value, v.count, selected);
  });
  if (!items.length) items.push(emptyItem(emptyText));
  list.replaceChildren(...items);
}

function renderFacets(state, data) {
  const facets = data.facets || {};
  ui.facets.hidden = false;
  if (data.facets_counted === false) {
    ui.facets.hidden = true;
    return;
  }
  for (const kind of ['company', 'case']) {
    const box = $(`${kind}-filter`);
    if (box.value.trim()) filterFacet(kind);  // keep the user's filter box applied to the new results
    else renderValueFacet(kind, state, facets[kind], `No ${kind === 'company' ? 'companies' : 'cases'}`);
  }
  renderAmountFacet(state, facets.amount || []);
  renderDateFacet(state, data.months || [], Number(data.undated) || 0);
}

function renderAmountFacet(state, buckets) {
  const bars = buckets.map((b) => {
    // The bucket's bounds as the filter; the top bucket has no upper bound.
    const range = { amount_min: String(b.min ?? 0), amount_max: b.max == null ? '' : String(b.max) };
    const selected = state.amount_min === range.amount_min && state.amount_max === range.amount_max;
    const target = selected ? refine(state, { amount_min: '', amount_max: '' }) : refine(state, range);
    const tick = b.max == null ? `${formatUsd(b.min)}+` : (b.min > 0 ? formatUsd(b.min) : `<${formatUsd(b.max)}`);
    return { label: b.label, tick, count: b.count, target, selected };
  });
  const list = bars.map((bar) => {
    const a = navLink(bar.target);
    a.dataset.value = bar.label;
    return facetValue(a, bar.label, bar.count, bar.selected);
  });
  if (!list.length) list.push(emptyItem('No amounts'));
  $('facet-amount').replaceChildren(...list);
  $('amount-chart').replaceChildren(...(bars.length ? [barChart(bars, 'Articles by amount (USD)', 'amount-histogram')] : []));
}

function emptyItem(text) {
  const li = document.createElement('li');
  li.className = 'facet-empty';
  li.textContent = text;
  return li;
}

function lastDayOfMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();  // month is 1-based: day 0 of the next
}

function renderDateFacet(state, months, undated) {
  // Years: the sum of their months.
  const years = new Map();
  for (const m of months) {
    const y = String(m.month).slice(0, 4);
    years.set(y, (years.get(y) || 0) + (Number(m.count) || 0));
  }
  const items = [...years.keys()].sort().reverse().map((y) => {
    const range = { from: `${y}-01-01`, to: `${y}-12-31` };
    const selected = state.from === range.from && state.to === range.to;
    const a = navLink(selected ? refine(state, { from: '', to: '' }) : refine(state, range));
    a.dataset.value = y;
    return facetValue(a, y, years.get(y), selected);
  });
  if (undated) {
    const li = emptyItem(`undated: ${fmtCount(undated)}`);
    li.className = 'facet-undated';
    items.push(li);
  }
  if (!items.length) items.push(emptyItem('No dates'));
  $('facet-year').replaceChildren(...items);

  // Timeline: every month from the first to the last match, empty months included.
  const counts = new Map(months.map((m) => [m.month, Number(m.count) || 0]));
  const bars = [];
  if (months.length) {
    let [y, mo] = months[0].month.split('-').map(Number);
    const [ly, lm] = months[months.length - 1].month.split('-').map(Number);
    const firstYear = y;
    const yearStep = Math.max(1, Math.ceil((ly - firstYear + 1) / 6));  // at most ~6 year labels
    for (let guard = 0; (y < ly || (y === ly && mo <= lm)) && guard < 1200; guard++) {
      const key = `${y}-${String(mo).padStart(2, '0')}`;
      const range = { from: `${key}-01`, to: `${key}-${String(lastDayOfMonth(y, mo)).padStart(2, '0')}` };
      const selected = state.from === range.from && state.to === range.to;
      const labelled = (bars.length === 0 || mo === 1) && (y - firstYear) % yearStep === 0;
      bars.push({
        label: key, tick: labelled ? String(y) : '', count: counts.get(key) || 0, selected,
        target: selected ? refine(state, { from: '', to: '' }) : refine(state, range),
      });
      if (++mo > 12) { mo = 1; y++; }
    }
  }
  const chart = bars.length ? barChart(bars, 'Matches by month', 'timeline', 900) : null;  // as wide as the results
  if (chart) brushable(chart, bars, state);
  $('timeline-chart').replaceChildren(...(chart ? [chart] : []));
}

// Dragging across the timeline's months filters by their dates (from the first day of the
// first month to the last day of the last); a click without a drag follows the bar's link.
function brushable(svg, bars, state) {
  let start = -1;
  let end = -1;
  const barAt = (event) => {
    const box = svg.getBoundingClientRect();
    const i = Math.floor(((event.clientX - box.left) / box.width) * bars.length);
    return Math.min(bars.length - 1, Math.max(0, i));
  };
  const paint = () => {
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    svg.querySelectorAll('rect.bar').forEach((rect, i) => rect.classList.toggle('brushed', start >= 0 && i >= lo && i <= hi));
  };
  svg.addEventListener('pointerdown', (event) => {
    start = end = barAt(event);
    svg.setPointerCapture(event.pointerId);
    paint();
  });
  svg.addEventListener('pointermove', (event) => {
    if (start < 0) return;
    end = barAt(event);
    paint();
  });
  svg.addEventListener('pointerup', (event) => {
    if (start < 0) return;
    end = barAt(event);
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    start = -1;
    paint();
    if (lo === hi) {  // a click on one month: its bar's filter (or taking it off)
      if (bars[lo].count) navigate(bars[lo].target);
      return;
    }
    const [ly, lm] = bars[hi].label.split('-').map(Number);
    navigate(refine(state, {
      from: `${bars[lo].label}-01`,
      to: `${bars[hi].label}-${String(lastDayOfMonth(ly, lm)).padStart(2, '0')}`,
    }));
  });
  // Pointer clicks were handled above; a keyboard's (detail 0) still follows the focused bar's link.
  svg.addEventListener('click', (event) => {
    if (event.detail > 0) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
}

// A small SVG bar chart; each bar with a count links to its filter.
function barChart(bars, title, testid, W = 260) {
  const H = 96, top = 6, bottom = 18;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const slot = W / bars.length;
  const barWidth = Math.max(1, slot * 0.8);
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: `bar-chart ${testid}`, 'data-testid': testid });
  svg.append(svgEl('title', {}, title));
  svg.append(svgEl('line', { x1: 0, x2: W, y1: H - bottom + 0.5, y2: H - bottom + 0.5, class: 'axis' }));
  bars.forEach((b, i) => {
    const h = b.count ? Math.max(2, (H - top - bottom) * b.count / max) : 0;
    const x = i * slot + (slot - barWidth) / 2;
    const group = b.count ? svgEl('a', { href: urlFor(b.target), 'data-nav': '', class: 'bar-link' }) : svgEl('g', {});
    group.append(svgEl('title', {}, `${b.label}: ${fmtCount(b.count)}`));
    // A full-height transparent hit area makes thin bars easy to click.
    group.append(svgEl('rect', { x: i * slot, y: top, width: slot, height: H - top - bottom, class: 'bar-hit' }));
    group.append(svgEl('rect', { x, y: H - bottom - h, width: barWidth, height: h, class: b.selected ? 'bar selected' : 'bar' }));
    svg.append(group);
    if (b.tick) {
      svg.append(svgEl('text', { x: bars.length > 12 ? i * slot : i * slot + slot / 2, y: H - 4,
                                 'text-anchor': bars.length > 12 ? 'start' : 'middle', class: 'tick' }, b.tick));
    }
  });
  return svg;
}

function svgEl(name, attrs, text) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

// ---- the "filter companies" (and cases) boxes: values by prefix over the current matches

let filterTimer = 0;
const filterSeq = { company: 0, case: 0 };   // per box: only its newest answer is shown

async function filterFacet(kind) {
  if (!lastSearch) return;
  const { state, data } = lastSearch;
  const prefix = $(`${kind}-filter`).value.trim();
  const seq = ++filterSeq[kind];
  if (!prefix) {
    renderValueFacet(kind, state, (data.facets || {})[kind], 'None');
    return;
  }
  const params = filterParams(state);
  params.set('prefix', prefix);
  params.set('limit', String(FILTER_LIMIT));
  try {
    const answer = await api(`/api/facets/${kind}`, params);
    if (seq !== filterSeq[kind] || lastSearch?.state !== state) return;
    renderValueFacet(kind, state, answer.values, `Nothing starts with “${prefix}”`);
  } catch (err) {
    if (seq !== filterSeq[kind]) return;
    if (err instanceof ApiError && err.status === 401) askForToken(err.message);
    else showError(err.message);
  }
}

for (const box of document.querySelectorAll('.facet-filter')) {
  box.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => filterFacet(box.dataset.kind), 150);
  });
}

// ---------------------------------------------------------------------------------------------
// The article view: the text with its entities highlighted, and the entities listed.

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
const ENTITY_KINDS = [
  { kind: 'company', key: 'companies', title: 'Companies' },
  { kind: 'case', key: 'cases', title: 'Cases' },
  { kind: 'amount', key: 'amounts', title: 'Amounts' },
];

async function renderArticle(state, seq) {
  const doc = await api('/api/doc', new URLSearchParams({ id: state.doc }));
  if (seq !== renderSeq) return;
  showView('article');
  ui.articleBack.href = urlFor({ ...state, doc: '' });
  ui.articleBack.dataset.nav = '';
  ui.articleBack.textContent = hasSearch(state) ? '← Back to results' : '← New search';
  ui.articleTitle.textContent = doc.title || '(untitled)';
  document.title = `${doc.title || 'Article'} – Docket`;

  const meta = [];
  const span = (cls, text) => {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  };
  meta.push(span('article-date', doc.date || 'undated'));
  meta.push(span('article-path', doc.path || doc.id));
  const url = typeof doc.url === 'string' ? doc.url.trim() : '';
  if (/^https?:\/\//i.test(url)) {     // never javascript:, data: or anything else
    const a = document.createElement('a');
    a.className = 'article-url';
    a.setAttribute('href', url);
    a.setAttribute('rel', 'noopener noreferrer nofollow');
    a.setAttribute('target', '_blank');
    a.textContent = 'Original article';
    meta.push(a);
  }
  ui.articleMeta.replaceChildren(...meta);
  ui.articleText.replaceChildren(highlightedText(doc));
  ui.articleEntities.replaceChildren(...entityLists(state, doc));
  window.scrollTo(0, 0);
}

// The mentions as [start, end) byte ranges, checked against the text: a mention whose bytes are
// not at its offset is left out rather than highlighting the wrong words.
function mentionSpans(doc, bytes) {
  const spans = [];
  const add = (kind, name, m) => {
    if (!m || typeof m.text !== 'string' || !Number.isInteger(m.offset) || m.offset < 0) return;
    const want = utf8.encode(m.text);
    if (!want.length || m.offset + want.length > bytes.length) return;
    for (let i = 0; i < want.length; i++) if (bytes[m.offset + i] !== want[i]) return;
    spans.push({ start: m.offset, end: m.offset + want.length, kind, name });
  };
  for (const c of doc.companies || []) for (const m of c.mentions || []) add('company', c.name, m);
  for (const c of doc.cases || []) for (const m of c.mentions || []) add('case', c.name, m);
  // An amount lists its mentions like the others, or (older answers) is its own one mention.
  for (const a of doc.amounts || []) for (const m of Array.isArray(a.mentions) ? a.mentions : [a]) add('amount', a.text, m);
  // Earliest first, the longer of two at one place first. Overlaps (a case name holds a company's
  // name: "Kadrey v. Meta Platforms") keep the outer span only.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const s of spans) if (!kept.length || s.start >= kept[kept.length - 1].end) kept.push(s);
  return kept;
}

function highlightedText(doc) {
  const text = typeof doc.text === 'string' ? doc.text : '';
  const bytes = utf8.encode(text);
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const s of mentionSpans(doc, bytes)) {
    if (s.start > pos) frag.append(document.createTextNode(utf8Decoder.decode(bytes.subarray(pos, s.start))));
    const mark = document.createElement('mark');
    mark.className = `ent ent-${s.kind}`;
    mark.dataset.kind = s.kind;
    mark.title = s.kind === 'amount' ? 'amount' : `${s.kind}: ${s.name}`;
    mark.textContent = utf8Decoder.decode(bytes.subarray(s.start, s.end));
    frag.append(mark);
    pos = s.end;
  }
  if (pos < bytes.length) frag.append(document.createTextNode(utf8Decoder.decode(bytes.subarray(pos))));
  return frag;
}

function entityLists(state, doc) {
  const sections = [];
  for (const { kind, key, title } of ENTITY_KINDS) {
    const values = doc[key] || [];
    if (!values.length) continue;
    const section = document.createElement('section');
    section.className = `entity-list entity-${kind}`;
    const h = document.createElement('h2');
    h.textContent = `${title} (${values.length})`;
    const ul = document.createElement('ul');
    for (const v of values) {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch ent-${kind}`;
      swatch.setAttribute('aria-hidden', 'true');
      li.append(swatch);
      if (kind === 'amount') {
        li.append(v.text);
        const extra = document.createElement('span');
        extra.className = 'entity-detail';
        extra.textContent = v.currency ? ` ${v.currency}` : '';
        li.append(extra);
      } else {
        // Links to the articles that name it (the current query kept).
        const base = { ...state, doc: '', company: [], case: [], amount_min: '', amount_max: '', from: '', to: '', new: '' };
        li.append(navLink(refine(base, { [kind]: [v.name] }), v.name, 'entity-link'));
        const n = (v.mentions || []).length;
        const extra = document.createElement('span');
        extra.className = 'entity-detail';
        extra.textContent = ` ×${n}`;
        extra.title = `${n} mention${n === 1 ? '' : 's'}`;
        li.append(extra);
      }
      ul.append(li);
    }
    section.append(h, ul);
    sections.push(section);
  }
  if (!sections.length) sections.push(note('No companies, cases or amounts found in this article.'));
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Saved searches: the sidebar list with each one's count of new matches (from /api/saved), the
// banner of a new=NAME view with its "Mark as read", and the "Save search" form.

let saved = null;          // the last /api/saved answer: {file, upto, saved: [...]}
let savedError = '';
let savedSeq = 0;          // only the newest answer is shown
let savedLoading = null;   // the /api/saved request under way, if any

function loadSaved() {
  const seq = ++savedSeq;
  const request = api('/api/saved').then((answer) => {
    if (seq !== savedSeq) return;
    saved = answer;
    savedError = '';
  }, (err) => {
    if (seq !== savedSeq) return;
    saved = null;
    // A 401 is the render's to report (it asks for the token; the list is loaded again after).
    savedError = err instanceof ApiError && err.status === 401 ? '' : err.message;
  }).finally(() => {
    if (savedLoading === request) savedLoading = null;
    const state = readState();
    renderSavedList(state);
    renderNewBanner(state);
  });
  savedLoading = request;
  return request;
}

// The page state a saved search stands for: its own query and filters, nothing else kept.
function savedState(s, sort) {
  return {
    q: s.query || '', company: s.company || [], case: s.case || [],
    amount_min: s.amount_min || '', amount_max: s.amount_max || '', from: s.from || '', to: s.to || '',
    offset: 0, sort, doc: '', new: '',
  };
}

// "revenue" · Meta · 2024: what a saved search looks for, in a line.
function describeSaved(s) {
  const parts = [];
  if (s.query) parts.push(`“${s.query}”`);
  parts.push(...(s.company || []), ...(s.case || []));
  if (s.amount_min || s.amount_max) parts.push(`${s.amount_min || '0'}–${s.amount_max || ''} USD`);
  if (s.from || s.to) parts.push(dateRangeLabel(s.from, s.to));
  return parts.join(' · ');
}

function renderSavedList(state) {
  const list = $('saved-list');
  const quiet = (text) => {
    const li = emptyItem(text);
    li.classList.add('saved-empty');
    return li;
  };
  if (!saved) {
    list.replaceChildren(...(savedError ? [quiet(savedError)] : []));
    return;
  }
  const rows = (saved.saved || []).map((s) => {
    const li = document.createElement('li');
    li.className = 'saved-row';
    li.dataset.testid = 'saved-row';
    li.dataset.name = s.name;
    const base = savedState(s, state.sort);
    const name = navLink(base, s.name, 'saved-name');
    name.title = `Search ${describeSaved(s)}`;
    li.append(name);
    // The count links to just the new matches; none (or no count: remote shards) is quiet text.
    if (Number(s.new) > 0) {
      const badge = navLink({ ...base, new: s.name }, `${fmtCount(s.new)} new`, 'saved-new');
      badge.dataset.count = String(s.new);
      badge.title = `Matches indexed since ${formatStamp(s.checked)}`;
      if (state.new === s.name && !state.doc) badge.setAttribute('aria-current', 'page');
      li.append(badge);
    } else if (s.new === 0) {
      const none = document.createElement('span');
      none.className = 'saved-new none';
      none.dataset.count = '0';
      none.textContent = '0 new';
      li.append(none);
    }
    const what = document.createElement('span');
    what.className = 'saved-what';
    what.textContent = describeSaved(s);
    li.append(what);
    if (s.error) {
      const error = document.createElement('span');
      error.className = 'saved-error';
      error.textContent = s.error;
      li.append(error);
    }
    return li;
  });
  if (!rows.length) rows.push(quiet('None yet: search, then “Save search”.'));
  list.replaceChildren(...rows);
}

// "2026-12-07T16:05:00Z" as "2026-12-07 16:05 UTC".
function formatStamp(stamp) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?Z$/.exec(String(stamp || ''));
  return m ? `${m[1]} ${m[2]} UTC` : String(stamp || 'it was saved');
}

function renderNewBanner(state) {
  const banner = $('new-banner');
  banner.hidden = !(state.new && hasSearch(state) && !state.doc);
  if (banner.hidden) return;
  const s = (saved?.saved || []).find((x) => x.name === state.new);
  const name = document.createElement('strong');
  name.textContent = state.new;
  $('new-banner-text').replaceChildren('New in ', name, s ? ` since ${formatStamp(s.checked)}` : '');
  $('mark-read').hidden = !s;   // until /api/saved answers (its stamps are what it sends), or an unknown name
}

$('mark-read').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  const state = readState();
  if (!state.new) return;
  // Seen up to the stamps read before the counts (and the search on screen) were made.
  const body = saved && saved.upto ? { upto: saved.upto } : {};
  button.disabled = true;
  try {
    await apiPost(`/api/saved/${encodeURIComponent(state.new)}/check`, body);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) askForToken(err.message);
    else showError(err.message);
    return;
  } finally {
    button.disabled = false;
  }
  loadSaved();
  navigate({ ...state, new: '', offset: 0 });
});

const save = {
  box: $('save-search'), open: $('save-open'), form: $('save-form'), name: $('save-name'),
  submit: $('save-submit'), cancel: $('save-cancel'), message: $('save-message'), done: $('save-done'),
};

// Shown for a search; not in a new=NAME view, which already is a saved search.
function renderSaveControl(state) {
  save.box.hidden = !hasSearch(state) || Boolean(state.new) || Boolean(state.doc);
  save.done.hidden = true;   // "Saved" was about the search before this one
}

function closeSaveForm() {
  save.form.hidden = true;
  save.message.hidden = true;
  save.open.hidden = false;
}

save.open.addEventListener('click', () => {
  const state = readState();
  // A name to start from: the query's words (or the first filter), as a name may be spelt.
  const words = state.q || state.company[0] || state.case[0] || '';
  save.name.value = words.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  save.open.hidden = true;
  save.done.hidden = true;
  save.message.hidden = true;
  save.form.hidden = false;
  save.name.focus();
  save.name.select();
});

save.cancel.addEventListener('click', closeSaveForm);
save.form.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeSaveForm();
});

save.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const state = readState();
  const body = { name: save.name.value.trim(), q: state.q, company: state.company, case: state.case };
  for (const k of RANGE_KEYS) body[k] = state[k];
  save.submit.disabled = true;
  let answer;
  try {
    answer = await apiPost('/api/saved', body);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      askForToken(err.message);
    } else {
      // The server's reason (a bad name, a query that does not run), beside the name.
      save.message.textContent = err.message;
      save.message.hidden = false;
      save.name.focus();
    }
    return;
  } finally {
    save.submit.disabled = false;
  }
  closeSaveForm();
  const n = Number(answer.matches) || 0;
  save.done.textContent = `${answer.replaced ? 'Replaced' : 'Saved'} “${answer.name}”: ${fmtCount(n)} ${n === 1 ? 'match' : 'matches'} now.`;
  save.done.hidden = false;
  loadSaved();
});

// ---------------------------------------------------------------------------------------------
// Footer: what is indexed.

function formatBytes(n) {
  const v = Number(n);
  if (!Number.isFinite(v)) return '';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) { x /= 1024; i++; }
  return `${i ? x.toFixed(1) : x} ${units[i]}`;
}

async function loadStats() {
  try {
    const s = await api('/api/stats');
    const parts = [`${fmtCount(s.documents)} articles`];
    const databases = Array.isArray(s.databases) ? s.databases.length : Number(s.databases) || 0;  // names, or a count
    if (databases > 1) parts.push(`${fmtCount(databases)} databases`);
    if (s.index_bytes) parts.push(formatBytes(s.index_bytes));
    if (s.last_indexed) {
      const t = typeof s.last_indexed === 'number' ? new Date(s.last_indexed * 1000).toISOString() : String(s.last_indexed);
      parts.push(`last indexed ${t}`);
    }
    ui.stats.textContent = parts.join(' · ');
  } catch {
    ui.stats.textContent = '';   // the search itself reports errors and asks for the token
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring.

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  navigate(refine(readState(), { q: ui.q.value.trim() }));
});

ui.sort.addEventListener('change', () => {
  navigate(refine(readState(), { sort: ui.sort.value }));
});

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-nav]');
  if (!a || event.defaultPrevented || event.button !== 0 ||
      event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  // SVG links keep their target in the plain href attribute too.
  history.pushState(null, '', a.getAttribute('href'));
  render();
});

document.addEventListener('keydown', (event) => {
  const t = event.target;
  const typing = t instanceof Element && (t.closest('input, textarea, select') || t.isContentEditable);
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    ui.q.focus();
    ui.q.select();
  } else if (event.key === 'Escape' && !typing && !ui.articleView.hidden) {
    ui.articleBack.click();
  }
});

window.addEventListener('popstate', render);

loadSaved();   // first: a new=NAME view waits for it (see render)
render();
loadStats();
