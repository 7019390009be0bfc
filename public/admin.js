// The support lead's console (/admin): figures per day, charts, CSV, the unanswered inbox, the audit log.
// Every text from the server is set with textContent: questions are what customers typed.
(function () {
  'use strict';
  var OUTCOMES = [
    { key: 'contained', label: '机器人解决', color: '#2e7d4f' },
    { key: 'handedOff', label: '转人工', color: '#1f4e8c' },
    { key: 'abstained', label: '未能回答', color: '#c77700' },
    { key: 'outOfScope', label: '范围外', color: '#8c1f2c' },
  ];
  // Policy id → title, from the server (GET /api/admin/unanswered lists the loaded policies).
  var POLICIES = {};
  var state = {
    stats: null,
    // The desk's today (YYYY-MM-DD), from the first figures the server sends.
    today: null,
    charts: {},
  };
  var $ = function (id) {
    return document.getElementById(id);
  };
  var auth = consoleSession({
    tokenKey: 'admin-console-token',
    loginKey: 'admin-console-login',
    forbidden: '该账号没有主管权限',
    onLogin: start,
    onLogout: function () {
      $('login-name').focus();
    },
  });
  var api = auth.api;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'text') node.textContent = props[k];
      else if (k === 'className') node.className = props[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), props[k]);
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function say(text) {
    $('status').textContent = text;
  }

  function start() {
    $('login-view').hidden = true;
    $('console-view').hidden = false;
    $('admin-name').textContent = auth.login || '';
    $('login-error').textContent = '';
    // No period yet: the server answers with the last week of the desk's calendar, not the browser's.
    $('from').value = '';
    $('to').value = '';
    // The inbox first: it brings the policies' titles the figures name clauses with.
    loadInbox()
      .then(function () {
        return Promise.all([loadStats(), loadAudit()]);
      })
      .catch(function (e) {
        $('login-error').textContent = e.message;
      });
  }

  // ---- period and figures ----
  // Dates are the service desk's (the server's TZ_OFFSET_MINUTES): today is the one the server last said.
  function shiftDate(isoDate, days) {
    var d = new Date(isoDate + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }
  function setPeriod(days) {
    $('from').value = state.today ? shiftDate(state.today, 1 - days) : '';
    $('to').value = state.today || '';
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-days]'), function (button) {
    button.addEventListener('click', function () {
      setPeriod(Number(button.getAttribute('data-days')));
      loadStats();
    });
  });
  $('period-form').addEventListener('submit', function (event) {
    event.preventDefault();
    loadStats();
  });

  function loadStats() {
    say('正在读取…');
    var named = $('from').value || $('to').value;
    var query = named
      ? '?from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value)
      : '';
    return api('GET', '/api/admin/stats' + query)
      .then(function (stats) {
        // The default period ends on the desk's today.
        if (!named) state.today = stats.to;
        $('from').value = stats.from;
        $('to').value = stats.to;
        state.stats = stats;
        renderStats(stats);
        say('已显示 ' + stats.from + ' 至 ' + stats.to + ' 的数据');
      })
      .catch(function (e) {
        say(e.message);
      });
  }

  function card(id, label, value, note) {
    return el('div', { id: id }, [
      el('dt', { text: label }),
      el('dd', {}, [
        el('span', { className: 'value', text: String(value) }),
        note ? el('small', { text: note }) : null,
      ]),
    ]);
  }

  function renderStats(s) {
    var summary = $('summary');
    summary.textContent = '';
    summary.appendChild(card('card-conversations', '会话', s.conversations));
    OUTCOMES.forEach(function (o) {
      summary.appendChild(card('card-' + o.key, o.label, s[o.key], s.rates[o.key] + '%'));
    });
    summary.appendChild(
      card(
        'card-csat',
        '满意度',
        s.csat.average === null ? '—' : s.csat.average,
        s.csat.count +
          ' 个评分（' +
          s.csat.distribution
            .map(function (n, i) {
              return i + 1 + '分×' + n;
            })
            .join(' ') +
          '）',
      ),
    );
    var body = $('days-table').querySelector('tbody');
    body.textContent = '';
    s.days.forEach(function (d) {
      var states =
        Object.keys(d.ticketsByState)
          .map(function (k) {
            return k + ' ' + d.ticketsByState[k];
          })
          .join('，') || '—';
      var reply =
        d.firstReply.medianMinutes === null
          ? '—'
          : d.firstReply.medianMinutes +
            ' 分钟（' +
            d.firstReply.withinHour +
            '/' +
            d.firstReply.replied +
            ' 在 1 小时内）';
      body.appendChild(
        el('tr', {}, [
          el('th', { scope: 'row', text: d.date }),
          el('td', { text: String(d.conversations) }),
          el('td', { text: String(d.contained) }),
          el('td', { text: String(d.handedOff) }),
          el('td', { text: String(d.abstained) }),
          el('td', { text: String(d.outOfScope) }),
          el('td', { text: d.csat.average === null ? '—' : d.csat.average + '（' + d.csat.count + '）' }),
          el('td', { text: String(d.ticketsOpened) }),
          el('td', { text: states }),
          el('td', { text: reply }),
          list(
            d.topIntents.map(function (x) {
              return x.intent + ' ×' + x.count;
            }),
          ),
          list(
            d.topClauses.map(function (x) {
              return clauseLabel(x.clause) + ' ×' + x.count;
            }),
          ),
          list(
            d.topUnanswered.map(function (x) {
              return x.text + ' ×' + x.count;
            }),
          ),
        ]),
      );
    });
    drawCharts(s);
  }

  /** "rongke-server › 服务方式 › 发货更换" with the policy's name instead of its id. */
  function clauseLabel(key) {
    var cut = key.indexOf(' › ');
    var id = cut < 0 ? key : key.slice(0, cut);
    return (POLICIES[id] || id) + (cut < 0 ? '' : key.slice(cut));
  }

  function list(items) {
    return el('td', {}, [
      items.length
        ? el(
            'ul',
            {},
            items.map(function (t) {
              return el('li', { text: t });
            }),
          )
        : '—',
    ]);
  }

  function drawCharts(s) {
    if (!window.Chart) return;
    Object.keys(state.charts).forEach(function (k) {
      state.charts[k].destroy();
    });
    state.charts.outcomes = new window.Chart($('outcomes-chart'), {
      type: 'bar',
      data: {
        labels: s.days.map(function (d) {
          return d.date.slice(5);
        }),
        datasets: OUTCOMES.map(function (o) {
          return {
            label: o.label,
            backgroundColor: o.color,
            data: s.days.map(function (d) {
              return d[o.key];
            }),
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    state.charts.csat = new window.Chart($('csat-chart'), {
      type: 'bar',
      data: {
        labels: ['1 分', '2 分', '3 分', '4 分', '5 分'],
        datasets: [{ label: '评分数', backgroundColor: '#1f4e8c', data: s.csat.distribution }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  // ---- CSV export: the daily table as the lead sees it, one row a day ----
  $('export-csv').addEventListener('click', function () {
    var s = state.stats;
    if (!s) return;
    var rows = [
      [
        'date',
        'conversations',
        'contained',
        'handedOff',
        'abstained',
        'outOfScope',
        'csatCount',
        'csatAverage',
        'ticketsOpened',
        'firstReplyMedianMinutes',
        'firstReplyWithinHour',
        'firstReplied',
      ],
    ];
    s.days.forEach(function (d) {
      rows.push([
        d.date,
        d.conversations,
        d.contained,
        d.handedOff,
        d.abstained,
        d.outOfScope,
        d.csat.count,
        d.csat.average === null ? '' : d.csat.average,
        d.ticketsOpened,
        d.firstReply.medianMinutes === null ? '' : d.firstReply.medianMinutes,
        d.firstReply.withinHour,
        d.firstReply.replied,
      ]);
    });
    var csv = rows
      .map(function (r) {
        return r
          .map(function (v) {
            var t = String(v);
            return /[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
          })
          .join(',');
      })
      .join('\r\n');
    var link = el('a', {
      href: URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv' })),
      download: 'stats-' + s.from + '-' + s.to + '.csv',
    });
    document.body.appendChild(link);
    link.click();
    link.remove();
    say('已导出 CSV');
  });

  // ---- the unanswered inbox ----
  function loadInbox() {
    return api('GET', '/api/admin/unanswered').then(function (data) {
      data.policies.forEach(function (p) {
        POLICIES[p.id] = p.title;
      });
      var groups = $('groups');
      groups.textContent = '';
      $('inbox-count').textContent = String(data.groups.length);
      if (!data.groups.length) groups.appendChild(el('li', { text: '没有待处理的问题' }));
      data.groups.forEach(function (g) {
        groups.appendChild(groupItem(g));
      });
    });
  }

  function act(path, body, done) {
    return api('POST', path, body)
      .then(function () {
        say(done);
        return Promise.all([loadInbox(), loadAudit(), loadStats()]);
      })
      .then(function () {
        $('inbox-title').focus();
      })
      .catch(function (e) {
        say(e.message);
      });
  }

  /**
   * Before a link or an out-of-scope mark: what it would do to the evaluation data. Answers it
   * would turn wrong are listed and the change then needs an explicit confirmation.
   */
  function previewThen(g, box, body, path, done) {
    box.textContent = '正在评估影响…';
    var change = body.policy
      ? { policy: body.policy, clause: body.clause }
      : body.word
        ? { word: body.word, canonical: body.canonical }
        : { outOfScope: true };
    api('POST', '/api/admin/unanswered/' + g.id + '/preview', change)
      .then(function (p) {
        box.textContent = '';
        var summary =
          '评估数据 ' +
          p.questions +
          ' 题：答对 ' +
          p.rightBefore +
          ' → ' +
          p.rightAfter +
          '；变对 ' +
          p.fixed.length +
          ' 题，变错 ' +
          p.broken.length +
          ' 题。';
        box.appendChild(el('p', { className: p.broken.length ? 'warn' : '', text: summary }));
        if (p.broken.length) {
          box.appendChild(
            el(
              'ul',
              { 'aria-label': '会变错的问题' },
              p.broken.map(function (b) {
                return el('li', { text: b.text + '：' + (b.before || '—') + ' → ' + (b.after || '—') });
              }),
            ),
          );
        }
        var confirm = el('button', {
          type: 'button',
          className: p.broken.length ? 'danger' : '',
          text: p.broken.length ? '仍然提交（' + p.broken.length + ' 题会变错）' : '确认提交',
          onclick: function () {
            act(path, Object.assign({}, body, { confirm: true }), done);
          },
        });
        box.appendChild(
          el('div', { className: 'actions' }, [
            confirm,
            el('button', {
              type: 'button',
              className: 'secondary',
              text: '取消',
              onclick: function () {
                box.textContent = '';
              },
            }),
          ]),
        );
        confirm.focus();
      })
      .catch(function (e) {
        box.textContent = e.message;
      });
  }

  function groupItem(g) {
    var box = el('div', { className: 'preview', role: 'region', 'aria-live': 'polite', 'aria-label': '改动的影响' });
    var link = function (policyId, clauseText) {
      previewThen(
        g,
        box,
        { policy: policyId, clause: clauseText },
        '/api/admin/unanswered/' + g.id + '/link',
        '已关联：' + g.text,
      );
    };
    var kinds = Object.keys(g.kinds)
      .map(function (k) {
        return { abstained: '未能回答', low_confidence: '低置信度', out_of_scope: '范围外' }[k] + ' ' + g.kinds[k];
      })
      .join('，');
    var candidates = el(
      'ol',
      { className: 'candidates', 'aria-label': '机器人考虑过的条款' },
      g.candidates.map(function (c) {
        return el('li', {}, [
          (POLICIES[c.policy] || c.policy) + ' › ' + c.section,
          el('blockquote', { text: c.quote }),
          el('button', {
            type: 'button',
            className: 'secondary',
            text: '关联到这条',
            onclick: function () {
              link(c.policy, c.quote);
            },
          }),
        ]);
      }),
    );
    var policy = el(
      'select',
      { 'aria-label': '政策' },
      Object.keys(POLICIES).map(function (id) {
        return el('option', { value: id, text: POLICIES[id] });
      }),
    );
    var clause = el('input', { 'aria-label': '条款原文片段', placeholder: '条款原文中的一段文字' });
    var word = el('input', { 'aria-label': '问题中的词', placeholder: '问题中的词', className: 'short' });
    var canonical = el('input', { 'aria-label': '政策中的说法', placeholder: '政策中的说法', className: 'short' });
    var addSynonym = function () {
      if (!word.value.trim() || !canonical.value.trim()) {
        (word.value.trim() ? canonical : word).focus();
        return;
      }
      previewThen(
        g,
        box,
        { word: word.value.trim(), canonical: canonical.value.trim() },
        '/api/admin/unanswered/' + g.id + '/synonym',
        '已添加同义词：' + word.value.trim() + ' = ' + canonical.value.trim(),
      );
    };
    return el('li', { 'data-group': String(g.id) }, [
      el('div', { className: 'question', text: g.text }),
      el('div', {
        className: 'meta',
        text:
          '被问 ' +
          g.count +
          ' 次 · ' +
          kinds +
          (g.texts.length > 1 ? ' · 其他问法：' + g.texts.slice(1, 4).join(' / ') : ''),
      }),
      candidates,
      el('div', { className: 'actions' }, [
        policy,
        clause,
        el('button', {
          type: 'button',
          text: '关联',
          onclick: function () {
            if (clause.value.trim()) link(policy.value, clause.value.trim());
            else clause.focus();
          },
        }),
        el('button', {
          type: 'button',
          className: 'secondary',
          text: '标为范围外',
          onclick: function () {
            previewThen(g, box, {}, '/api/admin/unanswered/' + g.id + '/out-of-scope', '已标为范围外：' + g.text);
          },
        }),
        el('button', {
          type: 'button',
          className: 'danger',
          text: '忽略',
          onclick: function () {
            act('/api/admin/unanswered/' + g.id + '/dismiss', undefined, '已忽略：' + g.text);
          },
        }),
      ]),
      el('div', { className: 'actions synonym' }, [
        word,
        el('span', { text: '即' }),
        canonical,
        el('button', { type: 'button', className: 'secondary', text: '添加同义词', onclick: addSynonym }),
      ]),
      box,
    ]);
  }

  // ---- the audit log ----
  function loadAudit() {
    return api('GET', '/api/admin/audit').then(function (data) {
      var items = $('audit-list');
      items.textContent = '';
      if (!data.entries.length) items.appendChild(el('li', { text: '暂无变更' }));
      data.entries.forEach(function (e) {
        var what = e.detail.question ? '“' + e.detail.question + '”' : '';
        var where = e.detail.clause
          ? ' → ' + (POLICIES[e.detail.policy] || e.detail.policy) + '「' + e.detail.clause + '」'
          : e.detail.word
            ? '：' + e.detail.word + ' = ' + e.detail.canonical
            : '';
        items.appendChild(
          el('li', {
            text: new Date(e.at).toLocaleString('zh-CN') + ' ' + e.actor + ' ' + e.action + ' ' + what + where,
          }),
        );
      });
    });
  }

  $('inbox-title').setAttribute('tabindex', '-1');
  if (auth.token) start();
})();
