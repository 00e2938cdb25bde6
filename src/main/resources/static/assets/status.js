// The status page: reads status.json (open, nothing personal) every 5 s and redraws. No library, nothing from outside.
(function () {
  'use strict';
  var REFRESH_MS = 5000;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function cell(row, text, cls) { var td = el('td', text, cls); row.appendChild(td); return td; }

  function fill(tableId, rows) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren.apply(body, rows);
  }

  // times as the platform's staff read them: Beijing time, 24-hour, whatever the browser's zone and locale
  var BEIJING = new Intl.DateTimeFormat('zh-CN', {timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'});

  function beijing(iso) { return BEIJING.format(new Date(iso)).replace(/\//g, '-') + ' (UTC+8)'; }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function ago(iso) {
    if (!iso) { return '—'; }
    var s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 120) { return s + ' s ago'; }
    if (s < 7200) { return Math.round(s / 60) + ' min ago'; }
    return Math.round(s / 3600) + ' h ago';
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return '?'; }
    if (seconds < 120) { return seconds + ' s'; }
    if (seconds < 7200) { return Math.round(seconds / 60) + ' min'; }
    return Math.round(seconds / 3600) + ' h';
  }

  function sparkline(values) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('viewBox', '0 0 150 28');
    var max = Math.max.apply(null, values.concat([1]));
    var step = values.length > 1 ? 150 / (values.length - 1) : 150;
    var points = values.map(function (v, i) { return (i * step).toFixed(1) + ',' + (26 - v / max * 24).toFixed(1); });
    var line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
    var title = document.createElementNS(ns, 'title');
    title.textContent = 'received per minute, last ' + values.length + ' min: max ' + max;
    svg.appendChild(title);
    return svg;
  }

  function lag(l) {
    if (!l) { return '—'; }
    if (l.value === null || l.value === undefined) { return l.kind + ': unknown'; }
    return l.kind + ': ' + (l.unit === 'seconds' ? duration(l.value) : l.value + ' ' + l.unit);
  }

  function feeds(list) {
    fill('feeds', list.map(function (f) {
      var tr = el('tr');
      tr.dataset.feed = f.id;
      var name = cell(tr, f.id);
      name.appendChild(el('span', f.name, 'reason'));
      var state = cell(tr);
      state.appendChild(el('span', f.state, 'state ' + f.state.replace(' ', '-')));
      if (f.state === 'failing' || f.state === 'stuck' || f.state === 'stopped') { state.appendChild(el('span', f.reason, 'reason')); }
      cell(tr).appendChild(sparkline(f.sparkline));
      var m = f.perMinute;
      var flow = cell(tr, m.received + ' in · ' + m.stored + ' stored · ' + m.quarantined + ' quarantined · ' + m.merged
        + ' merged · ' + m.published + ' published');
      var u = f.unmapped;
      if (u && u.withFallback > 0) {
        flow.appendChild(el('span', u.withFallback + ' of ' + u.stored + ' stored (' + Math.round(u.share * 100)
          + ' %) with a fallback for unmapped codes in ' + u.window, u.alarm ? 'reason silent' : 'reason'));
      }
      cell(tr, lag(f.lag));
      var last = cell(tr, ago(f.lastRecordAt));
      if (f.silence && f.silence.alarm) {
        last.appendChild(el('span', 'silent ' + duration(f.silence.silentSeconds) + ' (expected within '
          + f.silence.expectedCadence + ')', 'reason silent'));
      }
      return tr;
    }));
  }

  function quarantine(q) {
    var count = document.getElementById('quarantine-open');
    count.textContent = q.open;
    count.className = q.open > 0 ? 'count bad' : 'count';
    fill('quarantine', q.byReason.map(function (r) {
      var tr = el('tr');
      tr.dataset.feed = r.feed;
      tr.dataset.reason = r.reason;
      cell(tr, r.feed);
      cell(tr, r.reason, 'reason-name');
      cell(tr, r.count, 'num');
      cell(tr, ago(r.latest));
      return tr;
    }));
  }

  function deliveries(d) {
    document.getElementById('deliveries-window').textContent = '(last ' + d.window.replace('PT', '').toLowerCase() + ')';
    fill('deliveries', d.tiers.map(function (t) {
      var tr = el('tr');
      tr.dataset.tier = t.tier;
      cell(tr, t.tier);
      cell(tr, t.delivered, 'num');
      cell(tr, t.pending, 'num');
      return tr;
    }));
  }

  function dedup(d) {
    fill('dedup', Object.keys(d).map(function (kind) {
      var tr = el('tr');
      tr.dataset.link = kind;
      cell(tr, kind);
      cell(tr, d[kind], 'num');
      return tr;
    }));
  }

  var STEERING = {lawRelated: '涉法涉诉 cases (legal channel)', mediationOffered: 'cases offered to mediation',
    groups: '集体访 groups recognised'};

  function steering(d) {
    fill('steering', Object.keys(STEERING).map(function (key) {
      var tr = el('tr');
      tr.dataset.steering = key;
      cell(tr, STEERING[key]);
      cell(tr, d[key] === undefined ? '—' : d[key], 'num');
      return tr;
    }));
  }

  function outbox(rows, units, broker) {
    fill('outbox', rows.length === 0 ? [rowOf(['all', 0, '—'])] : rows.map(function (b) {
      return rowOf([b.channel, b.rows, b.oldestAgeSeconds === null ? '—' : duration(b.oldestAgeSeconds) + ' old']);
    }));
    var text = units.available
      ? plural(units.messages, 'message waits', 'messages wait') + ' in ' + plural(units.nonEmptyQueues, 'unit queue', 'unit queues')
        + (units.deepest.length ? '; deepest: ' + units.deepest.map(function (d) { return d.unit + ' ' + d.messages; }).join(', ') : '')
      : 'unit queue depths unknown (the broker did not answer)';
    if (broker && broker.diskUsedPercent !== null) {
      text += '. Broker disk ' + broker.diskUsedPercent + '% used (delivery blocks at ' + broker.maxDiskUsage + '%)'
        + (broker.pagingUnits === null ? '' : ', ' + plural(broker.pagingUnits, 'unit queue', 'unit queues') + ' paging to disk');
    }
    document.getElementById('unit-queues').textContent = text;
  }

  function jobs(list) {
    fill('jobs', !list || list.length === 0 ? [rowOf(['none running', '—', '—'])] : list.map(function (j) {
      var tr = el('tr');
      tr.dataset.job = j.id;
      var name = cell(tr, j.kind);
      if (j.what) { name.appendChild(el('span', j.what, 'reason')); }
      cell(tr, beijing(j.startedAt));
      var p = j.progress;
      cell(tr, p.done + ' of ' + p.total + ' (' + p.percent + ' %)'
        + (p.perSecond === null ? '' : ' · ' + p.perSecond + '/s')
        + (p.etaSeconds === null ? '' : ' · about ' + duration(p.etaSeconds) + ' left'), 'progress');
      return tr;
    }));
  }

  // today's warnings, and per district a small bar chart of its categories rising most today against their mean
  function warnings(w) {
    if (!w || w.available === false) { return; }
    document.getElementById('warnings-today').textContent = w.warnings.length;
    fill('warnings', w.warnings.length === 0 ? [rowOf(['none today', '—', '—', '—'])] : w.warnings.map(function (x) {
      var tr = el('tr');
      cell(tr, x.unit + ' · ' + x.category);
      cell(tr, x.rule);
      cell(tr, x.observed + ' / ' + x.expected, 'num');
      cell(tr, x.state);
      return tr;
    }));
    var box = document.getElementById('rising');
    box.replaceChildren.apply(box, w.rising.map(function (d) {
      var div = el('div', null, 'rising');
      div.appendChild(el('h3', d.district));
      var max = Math.max.apply(null, d.categories.map(function (c) { return c.ratio; }).concat([1]));
      d.categories.forEach(function (c) {
        var row = el('div', null, 'bar-row');
        row.appendChild(el('span', c.category, 'bar-label'));
        var bar = el('span', null, 'bar');
        bar.style.width = Math.round(c.ratio / max * 120) + 'px';
        bar.title = c.today + ' today, mean ' + c.mean + ' a day, ' + c.last24h + ' in the last 24 h';
        row.appendChild(bar);
        row.appendChild(el('span', 'x' + c.ratio, 'num'));
        div.appendChild(row);
      });
      return div;
    }));
    var backfill = document.getElementById('warnings-backfill');
    backfill.hidden = !w.backfill;
    if (w.backfill) {
      backfill.textContent = 'counting the cases indexed before: ' + w.backfill.done + ' of ' + w.backfill.total
        + ' (' + w.backfill.percent + ' %)';
    }
  }

  function rowOf(values) {
    var tr = el('tr');
    values.forEach(function (v, i) { cell(tr, v, i > 0 ? 'num' : null); });
    return tr;
  }

  function alarms(list) {
    var box = document.getElementById('alarms');
    box.hidden = list.length === 0;
    var ul = document.getElementById('alarm-list');
    ul.replaceChildren.apply(ul, list.map(function (a) { return el('li', a); }));
  }

  function deadlines(d) {
    if (!d) { return; }
    var warning = document.getElementById('calendar-warning');
    warning.hidden = !d.calendar.warning;
    warning.textContent = d.calendar.warning || '';
    var units = d.units || [];
    fill('deadline-units', units.length === 0 ? [rowOf(['none overdue or due soon', 0, 0])] : units.map(function (u) {
      return rowOf([u.unit, u.overdue, u.dueSoon]);
    }));
    document.getElementById('deadlines-note').textContent = d.dueSoon
      ? 'Running deadlines per responsible unit; due soon = within ' + d.dueSoon + '.' : '';
  }

  function refresh() {
    fetch('status.json', {cache: 'no-store', headers: {'Accept': 'application/json'}})
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (s) {
        feeds(s.feeds);
        quarantine(s.quarantine);
        deliveries(s.deliveries);
        dedup(s.dedup);
        steering(s.steering);
        outbox(s.outbox, s.unitQueues, s.broker);
        alarms(s.alarms);
        jobs(s.jobs);
        deadlines(s.deadlines);
        warnings(s.warnings);
        document.getElementById('updated').textContent = 'updated ' + beijing(s.at);
      })
      .catch(function (e) { document.getElementById('updated').textContent = 'cannot reach the hub: ' + e.message; })
      .finally(function () { setTimeout(refresh, REFRESH_MS); });
  }

  // a case id leads to its timeline: the API needs the operator's key, which stays in this page
  function detail(e) {
    var parts = [];
    ['type', 'source', 'status', 'division', 'mergedInto', 'feed', 'recordId', 'unit', 'state', 'outcome', 'reason', 'text',
      'detail'].forEach(function (k) { if (e[k] !== undefined && e[k] !== null) { parts.push(k + ' ' + e[k]); } });
    if (e.dedup) { parts.push('dedup ' + e.dedup.decision + (e.dedup.score !== undefined ? ' ' + e.dedup.score : '')); }
    return parts.join(' · ');
  }

  document.getElementById('timeline-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var id = document.getElementById('timeline-case').value.trim();
    var table = document.getElementById('timeline');
    fetch('api/cases/' + encodeURIComponent(id) + '/timeline', {cache: 'no-store',
      headers: {'Accept': 'application/json', 'X-Api-Key': document.getElementById('timeline-key').value}})
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) { throw new Error(b.message || 'HTTP ' + r.status); } return b; }); })
      .then(function (t) {
        fill('timeline', t.entries.map(function (e) {
          var tr = el('tr');
          cell(tr, e.at ? beijing(e.at) : 'pending');
          cell(tr, e.kind);
          cell(tr, detail(e));
          return tr;
        }));
      })
      .catch(function (e) { fill('timeline', [rowOf(['—', 'error', e.message])]); })
      .finally(function () { table.hidden = false; });
  });

  refresh();
}());
