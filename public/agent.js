// The agents' console. Plain JS, no build step. Everything a customer typed is put on the page
// with textContent (never innerHTML), so hostile input shows as text.
(function () {
  'use strict';
  // The report's fields (key, title, order) come from the server's one definition of the repair form.
  var reportFields = [];
  var STATE_LABELS = { bot: '机器人', queued: '排队中', agent: '人工服务中', resolved: '已结束' };
  var REASONS = { customer_asked: '客户要求', bot_offer: '机器人转接', repair_report: '报修' };
  var ORIGINS = { repair_report: '报修单', handoff: '转人工' };
  var VISIBILITY = { internal: '内部', customer: '客户可见' };

  var $ = function (id) {
    return document.getElementById(id);
  };
  var auth = consoleSession({
    tokenKey: 'agent-console-token',
    loginKey: 'agent-console-login',
    onLogin: start,
    onLogout: function () {
      if (state.socket) state.socket.close();
    },
  });
  var api = auth.api;
  var logout = auth.logout;
  var state = {
    queue: [],
    mine: [],
    current: null,
    socket: null,
    titleTimer: null,
    lastTypingSent: 0,
    typingTimer: null,
    blobUrls: [],
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function showError(error) {
    $('action-error').textContent = error ? error.message || String(error) : '';
  }

  function waited(seconds) {
    if (seconds < 60) return seconds + ' 秒';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' 分 ' + (seconds % 60) + ' 秒';
    return Math.floor(seconds / 3600) + ' 小时 ' + Math.floor((seconds % 3600) / 60) + ' 分';
  }

  function start() {
    $('login-view').hidden = true;
    $('console-view').hidden = false;
    $('agent-name').textContent = auth.login || '';
    api('GET', '/api/repair-form')
      .then(function (form) {
        reportFields = form.fields;
        if (state.current) renderDetail(state.current.detail);
      })
      .catch(showError);
    connect();
    refreshMine();
  }

  // ---- live channel ----
  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + '/api/handoff/socket?token=' + encodeURIComponent(auth.token));
    state.socket = socket;
    socket.onopen = function () {
      $('connection').textContent = '在线';
      if (state.current) watch(state.current.conversationId, 0);
    };
    socket.onclose = function (event) {
      // 4401: the login expired; reconnecting with the same token would only fail again.
      if (event.code === 4401) {
        logout();
        $('login-error').textContent = '登录已过期，请重新登录';
        return;
      }
      $('connection').textContent = '已断开，重连中…';
      if (state.socket === socket && auth.token) setTimeout(connect, 2000);
    };
    socket.onmessage = function (message) {
      var data;
      try {
        data = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      if (data.type === 'queue') onQueue(data);
      else if (data.type === 'activities' && state.current && data.conversationId === state.current.conversationId)
        appendActivities(data.activities);
      else if (data.type === 'typing' && state.current && data.conversationId === state.current.conversationId)
        showTyping();
      else if (data.type === 'ticket') onTicketSignal(data);
      else if (data.type === 'error') showError(new Error(data.message));
      else if (data.type === 'unwatched' && state.current && data.conversationId === state.current.conversationId)
        showError(new Error('该会话已由其他客服接入'));
    };
  }

  function watch(conversationId, watermark) {
    if (state.socket && state.socket.readyState === 1)
      state.socket.send(JSON.stringify({ type: 'watch', conversationId: conversationId, watermark: watermark }));
  }

  // ---- queue ----
  function onQueue(data) {
    state.queue = data.items || [];
    renderQueue();
    if (data.event && data.event.event === 'queued') notify();
    if (data.event && state.current && data.event.conversationId === state.current.conversationId)
      openConversation(state.current.conversationId, true);
    if (data.event) refreshMine();
  }

  function renderQueue() {
    var list = $('queue');
    clear(list);
    $('queue-count').textContent = String(state.queue.length);
    var now = Date.now();
    state.queue.forEach(function (item) {
      var li = el('li');
      li.dataset.conversationId = item.conversationId;
      if (state.current && state.current.conversationId === item.conversationId) li.className = 'selected';
      var meta = el('div', 'meta');
      meta.appendChild(el('span', '', item.ticketNumber || '无工单'));
      meta.appendChild(
        el('span', 'waiting', '等待 ' + waited(Math.max(0, Math.round((now - Date.parse(item.queuedAt)) / 1000)))),
      );
      li.appendChild(meta);
      li.appendChild(el('div', 'preview', item.lastCustomerText || '（无消息）'));
      // The customer's chat has been gone a while: they wait no longer and do not count in others' places.
      if (item.away) {
        li.classList.add('away');
        li.appendChild(
          el(
            'div',
            'away-mark',
            '客户已离开' +
              (item.customerGoneAt
                ? '（' + waited(Math.max(0, Math.round((now - Date.parse(item.customerGoneAt)) / 1000))) + '）'
                : ''),
          ),
        );
      }
      var accept = el('button', 'small accept', '接入');
      accept.type = 'button';
      accept.addEventListener('click', function (event) {
        event.stopPropagation();
        accept.disabled = true;
        acceptConversation(item.conversationId);
      });
      li.appendChild(el('span', 'meta', REASONS[item.reason] || ''));
      li.appendChild(accept);
      li.addEventListener('click', function () {
        openConversation(item.conversationId);
      });
      list.appendChild(li);
    });
  }
  setInterval(function () {
    if (state.queue.length) renderQueue();
  }, 1000);

  function refreshMine() {
    api('GET', '/api/handoff/mine')
      .then(function (data) {
        state.mine = data.items || [];
        var list = $('mine');
        clear(list);
        state.mine.forEach(function (session) {
          var li = el('li');
          if (state.current && state.current.conversationId === session.conversationId) li.className = 'selected';
          li.appendChild(el('div', 'meta', session.ticketNumber || ''));
          li.addEventListener('click', function () {
            openConversation(session.conversationId);
          });
          list.appendChild(li);
        });
      })
      .catch(showError);
  }

  // ---- notification: sound + title ----
  function notify() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      var ctx = new Ctx();
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.1;
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.25);
    } catch (e) {
      /* no audio: the title still flashes */
    }
    var base = '客服工作台';
    var flag = '【新排队】' + base;
    document.title = flag;
    clearInterval(state.titleTimer);
    var on = true;
    state.titleTimer = setInterval(function () {
      on = !on;
      document.title = on ? flag : base;
    }, 1000);
    setTimeout(function () {
      clearInterval(state.titleTimer);
      document.title = base;
    }, 15000);
  }
  window.addEventListener('focus', function () {
    clearInterval(state.titleTimer);
    document.title = '客服工作台';
  });

  // ---- conversation ----
  function acceptConversation(conversationId) {
    showError(null);
    api('POST', '/api/handoff/conversations/' + encodeURIComponent(conversationId) + '/accept')
      .then(function () {
        openConversation(conversationId);
        refreshMine();
      })
      .catch(showError);
  }

  // ticketNumber: another of the conversation's tickets to show; kept while the conversation stays open.
  function openConversation(conversationId, keepMessages, ticketNumber) {
    var switching = !state.current || state.current.conversationId !== conversationId;
    var ticket = ticketNumber || (!switching && state.current.ticket) || null;
    var query = ticket ? '?ticket=' + encodeURIComponent(ticket) : '';
    api('GET', '/api/handoff/conversations/' + encodeURIComponent(conversationId) + query)
      .then(function (detail) {
        state.current = { conversationId: conversationId, detail: detail, ticket: ticket };
        $('conversation-empty').hidden = true;
        $('conversation-pane').hidden = false;
        $('side').hidden = false;
        renderDetail(detail);
        if (switching || !keepMessages) {
          state.blobUrls.forEach(function (url) {
            URL.revokeObjectURL(url);
          });
          state.blobUrls = [];
          clear($('messages'));
          watch(conversationId, 0);
          loadSuggestions();
        }
        renderQueue();
      })
      .catch(showError);
  }

  function renderDetail(detail) {
    var session = detail.session;
    var mineNow = session.state === 'agent' && session.agentLogin === auth.login;
    $('conversation-title').textContent = '会话 ' + (session.ticketNumber || session.conversationId);
    $('conversation-state').textContent =
      STATE_LABELS[session.state] + (session.agentLogin ? '（' + session.agentLogin + '）' : '');
    $('accept-current').hidden = session.state !== 'queued';
    $('resolve').hidden = !mineNow;
    $('reply').disabled = !mineNow;
    $('send').disabled = !mineNow;
    $('send-file').disabled = !mineNow;
    var ticket = detail.ticket;
    $('ticket-number').textContent = ticket ? ticket.number : '（无）';
    $('ticket-current').hidden = !ticket || ticket.number !== session.ticketNumber;
    $('ticket-state').textContent = ticket ? ticket.state : '';
    renderTickets(detail.tickets || [], ticket, session);
    var moves = $('moves');
    clear(moves);
    (detail.allowedMoves || []).forEach(function (to) {
      var b = el('button', 'small move', '改为 ' + to);
      b.type = 'button';
      b.addEventListener('click', function () {
        moveTicket(to);
      });
      moves.appendChild(b);
    });
    var report = $('report');
    clear(report);
    reportFields.forEach(function (field) {
      if (!ticket || !ticket.report || !ticket.report[field.key]) return;
      report.appendChild(el('dt', '', field.title));
      report.appendChild(el('dd', '', ticket.report[field.key]));
    });
    if (!report.firstChild) report.appendChild(el('dd', '', '（客户尚未填写报修信息）'));
    renderCoverage(detail.coverageText);
    var ticketFiles = $('ticket-attachments');
    clear(ticketFiles);
    if (ticket && ticket.attachments && ticket.attachments.length)
      ticketFiles.appendChild(attachmentList(ticket.attachments));
    else ticketFiles.appendChild(el('p', 'hint', '（无附件）'));
    var notes = $('notes');
    clear(notes);
    (ticket ? ticket.comments : []).forEach(function (c) {
      var li = el('li', c.visibility === 'customer' ? 'customer' : 'internal');
      li.appendChild(el('span', 'tag', VISIBILITY[c.visibility] || VISIBILITY.internal));
      li.appendChild(document.createTextNode(c.author.replace(/^agent:/, '') + '：' + c.text));
      notes.appendChild(li);
    });
    // State-change notes, marked the same way: the customer reads only those chosen for them.
    (ticket ? ticket.history : []).forEach(function (h) {
      if (!h.note) return;
      var li = el('li', h.noteVisibility === 'customer' ? 'customer' : 'internal');
      li.appendChild(el('span', 'tag', VISIBILITY[h.noteVisibility] || VISIBILITY.internal));
      li.appendChild(document.createTextNode((h.from ? h.from + ' → ' : '') + h.to + '：' + h.note));
      notes.appendChild(li);
    });
    var transcript = $('ticket-transcript');
    clear(transcript);
    (ticket ? ticket.transcript : []).forEach(function (line) {
      transcript.appendChild(
        el('li', '', ({ customer: '客户', bot: '机器人', agent: '客服' }[line.from] || line.from) + '：' + line.text),
      );
    });
  }

  // The decision in words with its clauses quoted, as the server words it (knowledge/dialogs).
  function renderCoverage(text) {
    var box = $('coverage');
    clear(box);
    box.textContent = text || '（尚无判定）';
  }

  // Every ticket of the conversation: the one shown is marked, the others open on click.
  function renderTickets(tickets, shown, session) {
    var list = $('tickets');
    clear(list);
    $('ticket-count').textContent = String(tickets.length);
    tickets.forEach(function (t) {
      var li = el('li', shown && shown.number === t.number ? 'shown' : '');
      li.dataset.ticket = t.number;
      var label =
        t.number +
        ' · ' +
        t.state +
        ' · ' +
        (ORIGINS[t.origin] || t.origin) +
        (t.number === session.ticketNumber ? ' · 当前' : '');
      if (shown && shown.number === t.number) li.appendChild(el('span', '', label));
      else {
        var link = el('button', 'file-link', label);
        link.type = 'button';
        link.addEventListener('click', function () {
          openConversation(session.conversationId, true, t.number);
        });
        li.appendChild(link);
      }
      list.appendChild(li);
    });
    if (!tickets.length) list.appendChild(el('li', '', '（无）'));
  }

  function appendActivities(activities) {
    var list = $('messages');
    var newQuestion = false;
    activities.forEach(function (a) {
      var files = filesOf(a);
      if (a.type !== 'message' || (!a.text && !files.length)) return;
      var role =
        a.from && a.from.role === 'user' ? 'user' : a.from && /^agent:/.test(a.from.id || '') ? 'agent' : 'bot';
      var li = el('li', role);
      li.appendChild(el('span', 'who', role === 'user' ? '客户' : role === 'agent' ? a.from.name || '客服' : '机器人'));
      if (a.text) li.appendChild(document.createTextNode(a.text));
      if (files.length) li.appendChild(attachmentList(files));
      list.appendChild(li);
      if (role === 'user') {
        $('typing').hidden = true;
        newQuestion = true;
      }
    });
    // A new customer message may be a new question: refresh the suggested answers (debounced).
    if (newQuestion) {
      clearTimeout(state.suggestTimer);
      state.suggestTimer = setTimeout(loadSuggestions, 400);
    }
    list.scrollTop = list.scrollHeight;
  }

  // ---- attachments (issue 14): fetched with the agent's token, shown from blob: URLs ----
  function filesOf(activity) {
    var ids =
      activity.channelData && Array.isArray(activity.channelData.attachmentIds)
        ? activity.channelData.attachmentIds
        : [];
    return (activity.attachments || [])
      .map(function (a, i) {
        return {
          id: typeof ids[i] === 'string' ? ids[i] : '',
          name: String(a.name || '文件'),
          type: String(a.contentType || ''),
          size:
            activity.channelData && activity.channelData.attachmentSizes
              ? activity.channelData.attachmentSizes[i]
              : undefined,
        };
      })
      .filter(function (f) {
        return /^[A-Za-z0-9_-]{22}$/.test(f.id);
      });
  }

  function fileSize(bytes) {
    if (typeof bytes !== 'number') return '';
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  function fetchFile(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + auth.token } })
      .then(function (res) {
        if (res.status === 401) {
          logout();
          throw new Error('登录已失效，请重新登录');
        }
        if (!res.ok) throw new Error('附件下载失败 ' + res.status);
        return res.blob();
      })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        state.blobUrls.push(url);
        return url;
      });
  }

  function download(file) {
    fetchFile('/api/attachments/' + encodeURIComponent(file.id))
      .then(function (url) {
        var a = document.createElement('a');
        a.href = url;
        a.download = file.name;
        document.body.appendChild(a);
        a.click();
        a.remove();
      })
      .catch(showError);
  }

  function attachmentList(files) {
    var list = el('ul', 'attachments');
    files.forEach(function (file) {
      var item = el('li', 'attachment');
      if (/^image\//.test(file.type)) {
        var img = el('img', 'thumbnail');
        img.alt = file.name;
        img.title = file.name + '（点击下载原图）';
        fetchFile('/api/attachments/' + encodeURIComponent(file.id) + '/thumbnail')
          .then(function (url) {
            img.src = url;
          })
          .catch(function () {
            img.alt = file.name + '（缩略图加载失败）';
          });
        img.addEventListener('click', function () {
          download(file);
        });
        item.appendChild(img);
      }
      var link = el('button', 'file-link', file.name + (fileSize(file.size) ? '（' + fileSize(file.size) + '）' : ''));
      link.type = 'button';
      link.title = '下载';
      link.addEventListener('click', function () {
        download(file);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    return list;
  }

  function onTicketSignal(data) {
    notify();
    var notice = $('notice');
    notice.textContent =
      '工单 ' +
      data.ticketNumber +
      ' 客户补充了 ' +
      data.attachments.length +
      ' 个附件（' +
      data.from +
      ' → ' +
      data.state +
      '）';
    notice.hidden = false;
    notice.onclick = function () {
      notice.hidden = true;
      openConversation(data.conversationId, true);
    };
    if (state.current && state.current.conversationId === data.conversationId)
      openConversation(data.conversationId, true);
  }

  $('send-file').addEventListener('change', function () {
    var input = $('send-file');
    if (!state.current || !input.files.length) return;
    var form = new FormData();
    Array.prototype.forEach.call(input.files, function (f) {
      form.append('file', f, f.name);
    });
    showError(null);
    fetch('/api/handoff/conversations/' + encodeURIComponent(state.current.conversationId) + '/attachments', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + auth.token },
      body: form,
    })
      .then(function (res) {
        if (res.status === 401) {
          logout();
          throw new Error('登录已失效，请重新登录');
        }
        return res.json().then(function (data) {
          if (!res.ok) throw new Error((data && data.error && data.error.message) || '发送失败 ' + res.status);
        });
      })
      .catch(showError)
      .then(function () {
        input.value = '';
      });
  });

  function showTyping() {
    $('typing').hidden = false;
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(function () {
      $('typing').hidden = true;
    }, 4000);
  }

  function loadSuggestions() {
    if (!state.current) return;
    api('GET', '/api/handoff/conversations/' + encodeURIComponent(state.current.conversationId) + '/suggestions')
      .then(function (data) {
        $('suggestion-question').textContent = data.question || '（无）';
        var list = $('suggestions');
        clear(list);
        data.suggestions.forEach(function (s) {
          var li = el('li', 'suggestion');
          li.appendChild(el('div', '', s.text));
          s.citations.forEach(function (c) {
            li.appendChild(el('div', 'hint', '依据：' + c.section));
          });
          var insert = el('button', 'small insert', '插入');
          insert.type = 'button';
          insert.addEventListener('click', function () {
            var box = $('reply');
            box.value = (box.value ? box.value + '\n' : '') + s.text;
            box.focus();
          });
          li.appendChild(insert);
          list.appendChild(li);
        });
      })
      .catch(showError);
  }
  $('refresh-suggestions').addEventListener('click', loadSuggestions);

  $('accept-current').addEventListener('click', function () {
    if (state.current) acceptConversation(state.current.conversationId);
  });

  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('reply').value.trim();
    if (!text || !state.current) return;
    showError(null);
    api('POST', '/api/handoff/conversations/' + encodeURIComponent(state.current.conversationId) + '/messages', {
      text: text,
    })
      .then(function () {
        $('reply').value = '';
      })
      .catch(showError);
  });
  $('reply').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
      return;
    }
    // Typing reaches the customer at most every 3 s.
    if (state.current && Date.now() - state.lastTypingSent > 3000 && state.socket && state.socket.readyState === 1) {
      state.lastTypingSent = Date.now();
      state.socket.send(JSON.stringify({ type: 'typing', conversationId: state.current.conversationId }));
    }
  });

  $('resolve').addEventListener('click', function () {
    if (!state.current) return;
    api('POST', '/api/handoff/conversations/' + encodeURIComponent(state.current.conversationId) + '/resolve')
      .then(function () {
        openConversation(state.current.conversationId, true);
        refreshMine();
      })
      .catch(showError);
  });

  function moveTicket(to) {
    if (!state.current) return;
    var note = $('move-note').value.trim();
    var body = { to: to };
    if (note) {
      body.note = note;
      // Unticked, the server decides by state: a note asking for more information (待补充) reaches the customer.
      if ($('move-note-customer').checked) body.noteVisibility = 'customer';
    }
    if (state.current.ticket) body.ticket = state.current.ticket;
    api('POST', '/api/handoff/conversations/' + encodeURIComponent(state.current.conversationId) + '/state', body)
      .then(function () {
        $('move-note').value = '';
        $('move-note-customer').checked = false;
        openConversation(state.current.conversationId, true);
      })
      .catch(showError);
  }

  $('note-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('note').value.trim();
    if (!text || !state.current) return;
    var body = { text: text, visibility: $('note-visibility').value === 'customer' ? 'customer' : 'internal' };
    if (state.current.ticket) body.ticket = state.current.ticket;
    api('POST', '/api/handoff/conversations/' + encodeURIComponent(state.current.conversationId) + '/notes', body)
      .then(function () {
        $('note').value = '';
        $('note-visibility').value = 'internal';
        openConversation(state.current.conversationId, true);
      })
      .catch(showError);
  });

  if (auth.token) start();
})();
