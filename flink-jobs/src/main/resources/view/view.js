// clipstream live view: one EventSource, plain DOM, SVG sparklines. No build step.
(() => {
  'use strict';
  const $ = (sel) => document.querySelector(sel);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmt = (v, digits) => (v === undefined || v === null || Number.isNaN(v)) ? '–' : Number(v).toFixed(digits);
  const MAX_ROWS = 60;
  const HEALTH_POINTS = 90;
  const health = [];
  let matchCount = 0;
  let tagCount = 0;

  function thumb(imageId, cls) {
    const img = el('img', 'thumb' + (cls ? ' ' + cls : ''));
    img.alt = imageId;
    img.loading = 'lazy';
    img.src = '/api/thumb?id=' + encodeURIComponent(imageId);
    img.onerror = () => img.classList.add('missing');
    return img;
  }

  function meter(value, min, max, digits) {
    const m = el('div', 'meter');
    const bar = el('div', 'bar');
    const fill = el('i');
    fill.style.width = Math.max(0, Math.min(100, 100 * (value - min) / (max - min))) + '%';
    bar.appendChild(fill);
    m.appendChild(el('span', null, fmt(value, digits)));
    m.appendChild(bar);
    return m;
  }

  // ---- matches
  function matchRow(m) {
    const tr = el('tr');
    tr.dataset.id = m.id;
    const t = el('td');
    t.appendChild(thumb(m.imageId));
    tr.appendChild(t);
    const c = el('td', 'caption', m.caption);
    c.appendChild(el('small', null, m.imageId + (m.key ? ' · key ' + m.key : '') + (m.rank > 1 ? ' · rank ' + m.rank : '')));
    tr.appendChild(c);
    const cos = el('td');
    cos.appendChild(meter(m.cosine, -1, 1, 3));
    tr.appendChild(cos);
    const prob = el('td');
    prob.className = 'probability';
    prob.appendChild(meter(m.probability, 0, 1, 3));
    tr.appendChild(prob);
    const d = el('td');
    d.appendChild(el('span', 'pill ' + m.decision, m.decision === 'MATCH' ? 'MATCH' : 'NO MATCH'));
    tr.appendChild(d);
    const revs = m.revisions || [];
    const r = el('td', 'rev' + (revs.length ? ' changed' : ''), revs.length ? String(revs.length) : '–');
    if (revs.length) {
      r.title = 'earlier: ' + revs.map((x) => `${x.caption} (${x.decision}, ${fmt(x.cosine, 3)})`).join('; ');
    }
    tr.appendChild(r);
    tr.appendChild(el('td', 'latency', m.latencyMs >= 0 ? m.latencyMs + ' ms' : '–'));
    return tr;
  }

  function addMatch(m, fresh) {
    const body = $('#matches tbody');
    const old = body.querySelector(`tr[data-id="${CSS.escape(m.id)}"]`);
    if (old) old.remove();
    const tr = matchRow(m);
    if (fresh) tr.classList.add('fresh');
    body.insertBefore(tr, body.firstChild);
    while (body.children.length > MAX_ROWS) body.lastChild.remove();
    $('#matches-empty').style.display = 'none';
    matchCount++;
    $('#stat-matches').textContent = matchCount;
  }

  // ---- tags
  function addTag(t) {
    const list = $('#tags');
    const empty = list.querySelector('.empty');
    if (empty) empty.remove();
    const old = list.querySelector(`[data-image="${CSS.escape(t.imageId)}"]`);
    if (old) old.remove();
    const item = el('div', 'tag-item');
    item.dataset.image = t.imageId;
    item.appendChild(thumb(t.imageId));
    const right = el('div');
    right.appendChild(el('div', 'caption', t.imageId)).appendChild(el('small', null, 'vocabulary ' + t.vocabulary));
    const chips = el('div', 'chips');
    for (const l of t.labels.slice(0, 5)) {
      const chip = el('span', 'chip', l.label);
      chip.appendChild(el('span', null, fmt(l.probability * 100, 0) + '%'));
      chip.title = `cosine ${fmt(l.score, 3)}, probability ${fmt(l.probability, 3)}`;
      chips.appendChild(chip);
    }
    right.appendChild(chips);
    item.appendChild(right);
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 24) list.lastChild.remove();
    tagCount++;
    $('#stat-tags').textContent = tagCount;
  }

  // ---- dead letters
  function renderDeadLetters(d) {
    $('#dl-total').textContent = d.total;
    $('#dl-total').classList.toggle('zero', !d.total);
    $('#stat-dead').textContent = d.total;
    const bars = $('#dl-counts');
    bars.textContent = '';
    const entries = Object.entries(d.counts || {}).sort((a, b) => b[1] - a[1]);
    const top = entries.length ? entries[0][1] : 1;
    for (const [k, n] of entries) {
      const [reason, stage] = k.split('|');
      const b = el('div', 'b');
      const name = el('b', null, reason);
      name.appendChild(el('span', null, ' · ' + stage));
      b.appendChild(name);
      b.appendChild(el('span', null, String(n)));
      const track = el('div', 'track');
      const fill = el('i');
      fill.style.width = (100 * n / top) + '%';
      track.appendChild(fill);
      b.appendChild(track);
      bars.appendChild(b);
    }
    if (!entries.length) bars.appendChild(el('p', 'empty', 'None so far.'));
  }

  function deadLetterItem(x) {
    const li = el('li');
    li.appendChild(el('b', null, x.reason));
    li.appendChild(document.createTextNode(' at ' + x.stage + ' '));
    li.appendChild(el('code', null, `${x.topic}-${x.partition}@${x.offset}`));
    li.appendChild(el('div', null, x.message));
    li.title = x.message + ` (${x.size} bytes)`;
    return li;
  }

  function renderLatest(latest) {
    const ul = $('#dl-latest');
    ul.textContent = '';
    for (const x of latest) ul.appendChild(deadLetterItem(x));
  }

  // ---- health
  function sparkline(svg, values) {
    const w = svg.clientWidth || 160;
    const h = svg.clientHeight || 30;
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    svg.textContent = '';
    // the chart fills from the right: a new page shows its first samples at the right edge
    const slots = Math.max(values.length, 30);
    const offset = slots - values.length;
    const pts = values.map((v, i) => [i + offset, v]).filter((p) => p[1] !== undefined && p[1] !== null);
    if (!pts.length) return;
    const max = Math.max(...pts.map((p) => p[1]), 1e-9);
    const min = Math.min(0, ...pts.map((p) => p[1]));
    const x = (i) => 2 + (i / (slots - 1)) * (w - 6);
    const y = (v) => h - 3 - ((v - min) / (max - min || 1)) * (h - 7);
    const ns = 'http://www.w3.org/2000/svg';
    const last = pts[pts.length - 1];
    if (pts.length > 1) {
      const d = pts.map((p, j) => (j ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ');
      const area = document.createElementNS(ns, 'path');
      area.setAttribute('class', 'area');
      area.setAttribute('d', d + ` L${x(last[0]).toFixed(1)} ${h} L${x(pts[0][0]).toFixed(1)} ${h} Z`);
      const line = document.createElementNS(ns, 'path');
      line.setAttribute('class', 'line');
      line.setAttribute('d', d);
      svg.appendChild(area);
      svg.appendChild(line);
    }
    const dot = document.createElementNS(ns, 'circle');
    dot.setAttribute('class', 'dot');
    dot.setAttribute('cx', x(last[0]).toFixed(1));
    dot.setAttribute('cy', y(last[1]).toFixed(1));
    dot.setAttribute('r', '2.5');
    svg.appendChild(dot);
  }

  function renderHealth() {
    for (const kpi of document.querySelectorAll('.kpi')) {
      const key = kpi.dataset.metric;
      const values = health.map((s) => s[key]);
      const last = [...values].reverse().find((v) => v !== undefined && v !== null);
      const value = kpi.querySelector('.value');
      kpi.classList.toggle('na', last === undefined);
      if (last === undefined) {
        value.textContent = key === 'lag' ? '–' : 'n/a';
        value.title = 'not reported (encoder metrics need the Flink REST address: --flink-rest)';
      } else {
        const digits = (key === 'lag' || key === 'latencyMs') ? 0 : 1;
        value.textContent = fmt(last, digits);
        if (kpi.dataset.unit) value.appendChild(el('small', null, kpi.dataset.unit));
      }
      sparkline(kpi.querySelector('svg'), values);
    }
  }

  function addHealth(s) {
    health.push(s);
    while (health.length > HEALTH_POINTS) health.shift();
    renderHealth();
  }

  // ---- the stream
  function connect() {
    const source = new EventSource('/api/stream');
    const conn = $('#conn');
    source.addEventListener('open', () => {
      conn.className = 'conn live';
      conn.querySelector('b').textContent = 'live';
    });
    source.addEventListener('error', () => {
      conn.className = 'conn connecting';
      conn.querySelector('b').textContent = 'reconnecting';
    });
    source.addEventListener('snapshot', (e) => {
      const s = JSON.parse(e.data);
      $('#matches tbody').textContent = '';
      matchCount = 0;
      tagCount = 0;
      for (const m of s.matches) addMatch(m, false);
      for (const t of s.tags) addTag(t);
      renderDeadLetters(s.deadLetters);
      renderLatest(s.deadLetters.latest);
      health.length = 0;
      for (const h of s.health) health.push(h);
      renderHealth();
      $('#search-hint').textContent = s.search ? 'text → nearest indexed images' : 'no index yet: run clipstream index';
    });
    source.addEventListener('match', (e) => addMatch(JSON.parse(e.data), true));
    source.addEventListener('tag', (e) => addTag(JSON.parse(e.data)));
    source.addEventListener('deadletter', (e) => {
      const d = JSON.parse(e.data);
      renderDeadLetters(d);
      const ul = $('#dl-latest');
      ul.insertBefore(deadLetterItem(d.latest), ul.firstChild);
      while (ul.children.length > 8) ul.lastChild.remove();
    });
    source.addEventListener('health', (e) => addHealth(JSON.parse(e.data)));
  }

  // ---- try it
  let chosen = null;
  function choose(file) {
    if (!file) return;
    chosen = file;
    const drop = $('#drop');
    drop.classList.add('has');
    $('#try-preview').src = URL.createObjectURL(file);
    $('#drop-text').textContent = file.name;
  }
  $('#try-file').addEventListener('change', (e) => choose(e.target.files[0]));
  const drop = $('#drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); choose(e.dataTransfer.files[0]); });

  $('#try-run').addEventListener('click', async () => {
    const out = $('#try-results');
    out.textContent = '';
    const texts = $('#try-texts').value.split('\n').map((t) => t.trim()).filter((t) => t);
    if (!chosen || !texts.length) {
      out.appendChild(el('p', 'error', 'Choose an image and type at least one text.'));
      return;
    }
    const form = new FormData();
    form.append('image', chosen);
    for (const t of texts) form.append('text', t);
    const button = $('#try-run');
    button.disabled = true;
    try {
      const r = await fetch('/api/score', { method: 'POST', body: form });
      const body = await r.json();
      if (!r.ok) throw new Error(body.error || r.statusText);
      const best = Math.max(...body.map((x) => x.probability));
      for (const x of body) {
        const item = el('div', 'result');
        item.dataset.text = x.text;
        item.dataset.probability = x.probability;
        item.dataset.cosine = x.cosine;
        const row = el('div', 'row');
        row.appendChild(el(x.probability === best ? 'b' : 'span', null, x.text));
        row.appendChild(el('span', 'p', `${(x.probability * 100).toFixed(2)}%  ·  cos ${fmt(x.cosine, 3)}`));
        item.appendChild(row);
        const bar = el('div', 'bar');
        const fill = el('i');
        fill.style.width = (100 * x.probability) + '%';
        bar.appendChild(fill);
        item.appendChild(bar);
        out.appendChild(item);
      }
      out.dataset.done = 'true';
    } catch (err) {
      out.appendChild(el('p', 'error', String(err.message || err)));
    } finally {
      button.disabled = false;
    }
  });

  // ---- search
  $('#search-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = $('#search-q').value.trim();
    const grid = $('#search-results');
    grid.textContent = '';
    if (!q) return;
    try {
      const r = await fetch('/api/search?k=12&q=' + encodeURIComponent(q));
      const body = await r.json();
      if (!r.ok) throw new Error(body.error || r.statusText);
      if (!body.length) grid.appendChild(el('p', 'empty', 'Nothing indexed yet.'));
      for (const h of body) {
        const hit = el('div', 'hit');
        hit.appendChild(thumb(h.sourceId));
        hit.appendChild(el('b', null, h.sourceId));
        hit.appendChild(el('span', null, 'cos ' + fmt(h.cosine, 3)));
        grid.appendChild(hit);
      }
    } catch (err) {
      grid.appendChild(el('p', 'error', String(err.message || err)));
    }
  });

  window.addEventListener('resize', renderHealth);
  connect();
})();
