// The customer's chat page: stock Web Chat (served by us) over our own Direct Line.
// The conversation id and token live in sessionStorage so a reload resumes the same chat.
(function () {
  'use strict';
  var STORAGE_KEY = 'after-sales-chat';
  var params = new URLSearchParams(location.search);
  // ?transport=polling forces REST polling instead of the WebSocket stream.
  var useWebSocket = params.get('transport') !== 'polling';
  var statusLine = document.getElementById('status');

  function saved() {
    try {
      var value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return value && typeof value.conversationId === 'string' && typeof value.token === 'string' ? value : null;
    } catch (e) {
      return null;
    }
  }

  function save(session) {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ conversationId: session.conversationId, token: session.token }),
    );
  }

  function fetchSession(previous) {
    return fetch('/api/chat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(previous ? { conversationId: previous.conversationId, token: previous.token } : {}),
    }).then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    });
  }

  // Web Chat renders the status line with React, which this page does not load on its own: the
  // status is one React element (the shape React's createElement returns, marked as React marks them).
  var REACT_ELEMENT = typeof Symbol === 'function' && Symbol.for ? Symbol.for('react.element') : 0xeac7;
  function agentStatus(name, status) {
    var children = status ? [name + '  ', status] : [name];
    return {
      $$typeof: REACT_ELEMENT,
      type: 'span',
      key: null,
      ref: null,
      props: { className: 'agent-name', children: children },
      _owner: null,
      _store: {},
    };
  }

  function start(session) {
    save(session);
    var directLine = window.WebChat.createDirectLine({
      domain: location.origin + '/v3/directline',
      token: session.token,
      conversationId: session.resumed ? session.conversationId : undefined,
      webSocket: useWebSocket,
    });
    // Keep the stored token fresh: directlinejs refreshes it in the background.
    setInterval(function () {
      if (directLine.token) save({ conversationId: session.conversationId, token: directLine.token });
    }, 60000);
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          // The welcome is asked for only once per conversation (the server dedups too).
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !session.resumed) {
            setTimeout(function () {
              store.dispatch({
                type: 'WEB_CHAT/SEND_EVENT',
                payload: { name: 'webchat/join', value: { language: 'zh-CN' } },
              });
            }, 0);
          }
          return next(action);
        };
      };
    });
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: session.userId,
        locale: 'zh-CN',
        sendTypingIndicator: true,
        // A human agent's messages carry their name (from.name, e.g. "人工客服 · 小李"): shown
        // under the bubble so the customer knows a person answers, not the bot.
        activityStatusMiddleware: function () {
          return function (next) {
            return function (args) {
              var from = args.activity && args.activity.from;
              var status = next(args);
              if (!from || !/^agent:/.test(from.id || '') || typeof from.name !== 'string') return status;
              return agentStatus(from.name, status);
            };
          };
        },
        styleOptions: {
          botAvatarInitials: '客服',
          userAvatarInitials: '我',
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
          // Photos and logs for repair reports and tickets (issue 14); the server decides by the bytes.
          hideUploadButton: false,
          uploadAccept:
            'image/jpeg,image/png,image/webp,image/gif,application/pdf,text/plain,.txt,.log,application/zip,.zip',
          uploadMultiple: true,
          // A picked file goes out at once, as in other chat apps (no second click on send).
          sendAttachmentOn: 'attach',
          suggestedActionLayout: 'flow',
        },
      },
      document.getElementById('webchat'),
    );
    statusLine.textContent = session.resumed ? '已恢复您之前的会话' : '';
    document.querySelector('#webchat input, #webchat textarea') &&
      document.querySelector('#webchat input, #webchat textarea').focus();
  }

  document.getElementById('new-conversation').addEventListener('click', function () {
    sessionStorage.removeItem(STORAGE_KEY);
    location.reload();
  });

  fetchSession(saved())
    .then(start)
    .catch(function () {
      statusLine.textContent = '连接客服失败，请稍后刷新页面重试。';
    });
})();
