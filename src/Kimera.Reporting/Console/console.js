'use strict';
// The runs console: a list (polled every 2 s), one run, and two runs compared, read from the runs API next to the page.
(() => {
  const page = new URL(location.href);
  const apiBase = page.pathname.replace(/(api\/console)?$/, '') + 'api/';
  const key = page.searchParams.get('code'); // the Functions app's function key, passed on to every API call
  const api = (path, query = {}) => {
    const url = new URL(apiBase + path, location.origin);
    for (const [k, v] of Object.entries(query)) { url.searchParams.set(k, v); }
    if (key) { url.searchParams.set('code', key); }
    return url.toString();
  };
  const view = document.getElementById('view');
  const seen = new Map(); // run id -> first observation {pairs, at}: the ETA is the rate since then
  let operations = [];
  let timer = null;

  const h = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) { continue; }
      if (k.startsWith('on')) { e.addEventListener(k.slice(2), v); } else { e.setAttribute(k, v === true ? '' : v); }
    }
    for (const c of children.flat()) { if (c !== null && c !== undefined) { e.append(c instanceof Node ? c : String(c)); } }
    return e;
  };
  const fmt = (x, digits = 3) => x === null || x === undefined ? '—' : Number(x).toFixed(digits);
  const ci = (pair) => pair ? ` [${fmt(pair[0])}, ${fmt(pair[1])}]` : '';
  const usd = (x) => x === null || x === undefined ? '—' : '$' + Number(x).toFixed(4);
  const status = (run) => h('span', { class: 'status status-' + String(run.runtimeStatus).toLowerCase() }, run.runtimeStatus);
  const finished = (run) => run.runtimeStatus === 'Finished' || run.runtimeStatus === 'Completed';
  const duration = (seconds) => {
    const s = Math.max(0, Math.round(seconds));
    return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map(n => String(n).padStart(2, '0')).join(':');
  };

  const getJson = async (path, query) => {
    const response = await fetch(api(path, query), { headers: { accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) { throw new Error(body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`); }
    return body;
  };

  const progressCell = (run) => {
    const p = run.progress;
    if (!p) { return h('td', { class: 'progress' }, '—'); }
    const share = p.totalPairs > 0 ? p.pairsDone / p.totalPairs : (p.stage === 'completed' ? 1 : 0);
    return h('td', { class: 'progress' },
      h('span', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(share * 100) },
        h('span', { style: `width:${(share * 100).toFixed(1)}%` })),
      ' ', h('span', { class: 'progress-text' }, `${p.chunksDone}/${p.chunkCount} chunks · ${p.pairsDone}/${p.totalPairs} pairs`));
  };

  const eta = (run) => {
    const p = run.progress;
    if (!p || run.runtimeStatus !== 'Running') { return '—'; }
    const now = Date.now();
    const first = seen.get(run.id);
    if (!first) { seen.set(run.id, { pairs: p.pairsDone, at: now }); return '--:--:--'; }
    const rate = (p.pairsDone - first.pairs) / ((now - first.at) / 1000);
    return rate > 0 ? duration((p.totalPairs - p.pairsDone) / rate) : '--:--:--';
  };

  // What the operations API accepts for a run in each state: cancel while it runs, restart once it failed or was
  // cancelled, delete once it is not running (the server refuses the rest; the console does not offer them).
  const allowed = {
    cancel: (s) => s === 'Running' || s === 'Pending' || s === 'Suspended',
    restart: (s) => s === 'Failed' || s === 'Terminated',
    delete: (s) => s !== 'Running' && s !== 'Pending' && s !== 'Suspended',
  };
  const actions = (run) => operations.filter(op => (allowed[op] ?? (() => true))(run.runtimeStatus)).map(op => h('button', {
    type: 'button', class: 'op-' + op,
    onclick: async () => {
      if (!confirm(`${op} run ${run.id}?`)) { return; }
      const url = op === 'delete' ? api(`runs/${encodeURIComponent(run.id)}`) : api(`runs/${encodeURIComponent(run.id)}/${op}`);
      const response = await fetch(url, { method: op === 'delete' ? 'DELETE' : 'POST' });
      const body = await response.json().catch(() => null);
      alert(body?.message ?? body?.detail ?? response.statusText);
      refresh();
    },
  }, op));

  const showMode = (list) => {
    operations = Array.isArray(list.operations) ? list.operations : [];
    document.getElementById('mode').textContent = list.readOnly
      ? `Read-only: ${list.server ?? 'this server'} shows the runs; start, stop and resume them with kimera run.`
      : '';
  };

  // The start form (the Functions app only): GET console/capabilities says whether this server takes uploads, how large,
  // which judges a run may name and the deployment's LLM budget. kimera serve has no such route, so the form stays hidden.
  const start = document.getElementById('start');
  const startForm = document.getElementById('start-form');
  let capabilities = null;
  const problemText = (body, response) => [body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`, ...(body?.errors ?? [])];
  const showProblem = (lines) => {
    const box = document.getElementById('start-error');
    box.replaceChildren(h('p', {}, lines[0]), lines.length > 1 ? h('ul', {}, lines.slice(1).map(l => h('li', {}, l))) : null);
  };
  const postJson = async (path, query, body, contentType) => {
    const response = await fetch(api(path, query), { method: 'POST', headers: { 'content-type': contentType, accept: 'application/json' }, body });
    const answer = await response.json().catch(() => null);
    if (!response.ok) { throw Object.assign(new Error('refused'), { lines: problemText(answer, response) }); }
    return answer;
  };
  async function loadCapabilities() {
    try {
      const response = await fetch(api('console/capabilities'), { headers: { accept: 'application/json' } });
      capabilities = response.ok ? await response.json() : null;
    } catch { capabilities = null; }
    if (!capabilities?.upload) { return; }
    document.getElementById('start-file').setAttribute('accept', (capabilities.datasetExtensions ?? []).join(','));
    document.getElementById('start-judges').append(...(capabilities.judges ?? []).map(name => h('label', { class: 'inline' },
      h('input', { type: 'checkbox', name: 'judge', value: name, checked: (capabilities.defaultJudges ?? []).includes(name) }), ' ', name)));
    const cap = capabilities.budgetCapUsd;
    const budgetInput = document.getElementById('start-budget');
    if (cap !== null && cap !== undefined) { budgetInput.setAttribute('max', cap); }
    budgetInput.setAttribute('placeholder', cap === null || cap === undefined ? 'none' : `$${cap}`);
    document.getElementById('start-budget-note').textContent = cap === null || cap === undefined
      ? 'for the LLM judges; empty: no budget'
      : `for the LLM judges; empty: the app's $${cap}, which is also the most a run may have`;
    showStart();
  }
  const showStart = () => { start.hidden = !capabilities?.upload || !['', '#', '#/'].includes(location.hash); };

  startForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const status = document.getElementById('start-status');
    const submit = document.getElementById('start-submit');
    const file = document.getElementById('start-file').files[0];
    const judges = [...startForm.querySelectorAll('input[name=judge]:checked')].map(c => c.value);
    document.getElementById('start-error').replaceChildren();
    if (!file) { showProblem(['Choose a dataset file.']); return; }
    if (judges.length === 0) { showProblem(['Choose at least one judge.']); return; }
    if (file.size > capabilities.maxUploadBytes) {
      showProblem([`${file.name} has ${file.size} bytes; this app takes at most ${capabilities.maxUploadBytes}.`]);
      return;
    }
    submit.disabled = true;
    try {
      status.textContent = `Uploading ${file.name}…`;
      const overwrite = document.getElementById('start-overwrite').checked ? { overwrite: 'true' } : {};
      const uploaded = await postJson('datasets/' + encodeURIComponent(file.name), overwrite, file, 'application/octet-stream');
      status.textContent = `Starting a run on ${uploaded.dataset}…`;
      const body = { dataset: uploaded.dataset, judges };
      const sample = document.getElementById('start-sample').value;
      const budget = document.getElementById('start-budget').value;
      if (sample !== '') { body.sample = Number(sample); }
      if (budget !== '') { body.budgetUsd = Number(budget); }
      const run = await postJson('runs', {}, JSON.stringify(body), 'application/json');
      status.textContent = '';
      startForm.reset();
      location.hash = '#/run/' + encodeURIComponent(run.id);
    } catch (error) {
      status.textContent = '';
      showProblem(error.lines ?? [error.message]);
    } finally {
      submit.disabled = false;
    }
  });

  async function listView() {
    const list = await getJson('runs');
    showMode(list);
    const rows = list.runs.map(run => h('tr', { 'data-run': run.id },
      h('td', {}, h('a', { href: '#/run/' + encodeURIComponent(run.id) }, run.id)),
      h('td', {}, run.dataset ?? '—'),
      h('td', { class: 'run-status' }, status(run)),
      progressCell(run),
      h('td', { class: 'num eta' }, eta(run)),
      h('td', { class: 'num spend' }, run.spendUsd === null || run.spendUsd === undefined ? '—' : `${usd(run.spendUsd)}${run.budgetUsd ? ' of ' + usd(run.budgetUsd) : ''}`),
      h('td', {}, (run.judges ?? []).join(', ')),
      h('td', { class: 'error' }, run.error ? run.error.message : ''),
      operations.length ? h('td', {}, actions(run)) : null));
    return [
      h('h2', {}, `Runs (${list.runs.length})`),
      list.runs.length === 0 ? h('p', {}, list.readOnly
        ? 'No runs yet: kimera run writes one folder per run.'
        : 'No runs yet: start one above, upload a dataset to the datasets container, or POST /api/runs.') : h('table', { id: 'runs' },
        h('thead', {}, h('tr', {}, ['Run', 'Dataset', 'Status', 'Progress', 'ETA', 'LLM spend', 'Judges', 'Error'].map(t => h('th', {}, t)),
          operations.length ? h('th', {}, 'Actions') : null)),
        h('tbody', {}, rows)),
    ];
  }

  async function runView(id) {
    const detail = await getJson('runs/' + encodeURIComponent(id));
    const run = detail.run ?? detail;
    const parts = [
      h('h2', {}, 'Run ', h('span', { id: 'run-id' }, run.id), ' ', status(run)),
      h('table', { id: 'run' }, h('tbody', {},
        h('tr', {}, h('th', {}, 'Dataset'), h('td', {}, run.dataset ?? '—')),
        h('tr', {}, h('th', {}, 'Progress'), progressCell(run)),
        h('tr', {}, h('th', {}, 'ETA'), h('td', {}, eta(run))),
        h('tr', {}, h('th', {}, 'Judges'), h('td', {}, (run.judges ?? []).join(', '))),
        h('tr', {}, h('th', {}, 'LLM spend'), h('td', {}, usd(run.spendUsd), run.budgetUsd ? ' of ' + usd(run.budgetUsd) : '')),
        h('tr', {}, h('th', {}, 'Created / updated'), h('td', {}, `${run.createdAt} / ${run.lastUpdatedAt}`)),
        run.error ? h('tr', {}, h('th', {}, 'Error'), h('td', { class: 'error' }, run.error.message)) : null)),
    ];
    const headline = detail.headline ?? [];
    if (finished(run) && headline.length) {
      parts.push(h('h3', {}, 'Headline numbers'), h('table', { id: 'headline' },
        h('thead', {}, h('tr', {}, ['Judge', 'Accuracy', 'F1', 'AUROC', 'Judged', 'Errors', 'Error causes'].map(t => h('th', {}, t)))),
        h('tbody', {}, headline.map(j => h('tr', { 'data-judge': j.judge },
          h('td', {}, j.judge), h('td', { class: 'num' }, fmt(j.accuracy)), h('td', { class: 'num' }, fmt(j.f1)),
          h('td', { class: 'num' }, fmt(j.auroc)), h('td', { class: 'num' }, j.judged), h('td', { class: 'num' }, j.errors),
          h('td', {}, (j.errorCauses ?? []).join('; ')))))));
    }
    const examples = detail.examples ?? [];
    if (finished(run) && examples.length) {
      const kinds = { missed: 'missed contradiction', false_alarm: 'false alarm' };
      parts.push(h('h3', {}, 'Typical mistakes'), h('table', { id: 'examples' },
        h('thead', {}, h('tr', {}, ['Judge', 'Mistake', 'Pair', 'Text 1', 'Text 2', 'Score', 'Reason'].map(t => h('th', {}, t)))),
        h('tbody', {}, examples.map(e => h('tr', { 'data-pair': e.pairId },
          h('td', {}, e.judge), h('td', {}, kinds[e.kind] ?? e.kind), h('td', {}, e.pairId), h('td', {}, e.text1),
          h('td', {}, e.text2), h('td', { class: 'num' }, fmt(e.score)), h('td', {}, e.reasoning ?? '—'))))));
    }
    if (detail.hasReport) {
      parts.push(h('p', {}, h('a', { id: 'report-link', href: api(`runs/${encodeURIComponent(run.id)}/report`) }, 'Open report.html')));
    }
    // The Functions app gives every run its logs: a portal link when configured with its Application Insights resource,
    // else the query to paste (kimera serve has neither: a local run's log is its terminal).
    if (run.logsUrl) {
      parts.push(h('p', {}, h('a', { id: 'logs-link', href: run.logsUrl, target: '_blank', rel: 'noopener' }, "Open this run's logs in Application Insights")));
    } else if (run.logsQuery) {
      parts.push(h('p', {}, "This run's logs (Log Analytics): ", h('code', { id: 'logs-query' }, run.logsQuery)));
    }
    return parts;
  }

  const metricRow = (name, m) => h('tr', { 'data-metric': name },
    h('th', {}, name), h('td', { class: 'num side-a' }, fmt(m.a), ci(m.a_ci)), h('td', { class: 'num side-b' }, fmt(m.b), ci(m.b_ci)),
    h('td', { class: 'num' }, fmt(m.difference), ci(m.difference_ci)), h('td', {}, m.test),
    h('td', { class: 'num' }, fmt(m.p_value, 4)), h('td', { class: 'num' }, fmt(m.holm_p_value, 4)));

  async function compareView(query) {
    const list = await getJson('runs');
    showMode(list);
    const done = list.runs.filter(finished);
    const pick = (name) => h('select', { id: 'pick-' + name, name },
      h('option', { value: '' }, `run ${name.toUpperCase()}…`),
      done.map(r => h('option', { value: r.id, selected: r.id === query.get(name) }, r.id)));
    const form = h('form', { id: 'compare-form', onsubmit: (e) => {
      e.preventDefault();
      location.hash = `#/compare?a=${encodeURIComponent(form.a.value)}&b=${encodeURIComponent(form.b.value)}`;
    } }, pick('a'), ' vs ', pick('b'), ' ', h('button', { type: 'submit' }, 'Compare'));
    const parts = [h('h2', {}, 'Compare two finished runs'), form];
    if (!query.get('a') || !query.get('b')) { return parts; }
    const c = await getJson('compare', { a: query.get('a'), b: query.get('b') });
    parts.push(h('p', {}, `${c.comparison.pairs} pairs matched; ${c.only_in_a.count ?? 0} only in A, ${c.only_in_b.count ?? 0} only in B.`));
    const columns = h('div', { class: 'judges', id: 'comparison' });
    c.comparison.judges.forEach((j, i) => {
      const changed = c.changed_pairs[i]?.pairs ?? [];
      columns.append(h('section', { class: 'card judge', 'data-judge': j.a },
        h('h3', {}, j.a === j.b ? j.a : `${j.a} (A) vs ${j.b} (B)`),
        h('table', {}, h('thead', {}, h('tr', {}, ['', 'A', 'B', 'B − A', 'test', 'p', 'Holm p'].map(t => h('th', { class: t && t !== 'test' ? 'num' : null }, t)))),
          h('tbody', {}, metricRow('accuracy', j.accuracy), metricRow('f1', j.f1), metricRow('auroc', j.auroc))),
        h('p', {}, `McNemar: ${j.mcnemar.b} pairs right only in A, ${j.mcnemar.c} right only in B, exact p = ${fmt(j.mcnemar.exact_p_value, 4)}`
          + (j.delong ? `; DeLong p = ${fmt(j.delong.p_value, 4)}` : '') + '.'),
        changed.length ? h('table', { class: 'changed' },
          h('thead', {}, h('tr', {}, ['Pair', 'Label', 'Text 1', 'Text 2', 'A', 'B'].map(t => h('th', {}, t)))),
          h('tbody', {}, changed.map(p => h('tr', {}, h('td', {}, p.pair_id), h('td', {}, p.label === null ? '—' : p.label ? 'contradiction' : 'no'),
            h('td', {}, p.text1 ?? ''), h('td', {}, p.text2 ?? ''),
            h('td', {}, p.a.pred ? 'contradiction' : 'no', ' ', fmt(p.a.score, 2)), h('td', {}, p.b.pred ? 'contradiction' : 'no', ' ', fmt(p.b.score, 2))))))
          : h('p', {}, 'No pair changed its verdict.')));
    });
    parts.push(columns);
    return parts;
  }

  async function render() {
    const hash = location.hash || '#/';
    const [path, search] = hash.slice(1).split('?');
    try {
      let parts;
      if (path.startsWith('/run/')) { parts = await runView(decodeURIComponent(path.slice(5))); }
      else if (path === '/compare') { parts = await compareView(new URLSearchParams(search ?? '')); }
      else { parts = await listView(); }
      view.replaceChildren(...parts);
    } catch (error) {
      view.replaceChildren(h('p', { class: 'error', id: 'load-error' }, 'Cannot read the runs: ' + error.message));
    }
  }

  let busy = false;
  async function refresh() {
    if (busy) { return; }
    busy = true;
    try { await render(); } finally { busy = false; }
  }

  const poll = () => {
    clearInterval(timer);
    // The list and a run move while runs run; a comparison of two finished runs does not.
    const still = (location.hash || '#/').startsWith('#/compare');
    if (!still) { timer = setInterval(refresh, 2000); }
  };
  window.addEventListener('hashchange', () => { showStart(); refresh(); poll(); });
  loadCapabilities();
  refresh();
  poll();
})();
