// Shared by the agents' console (/agent) and the lead's (/admin): the session token, JSON calls to
// the API with it, the login form and logging out. Plain JS, no build step; each page loads this
// before its own script.
(function () {
  'use strict';

  /**
   * options: tokenKey and loginKey (sessionStorage keys), onLogin() once logged in, onLogout()
   * after the console is hidden, and forbidden: the message for a 403 that should log out (the
   * lead's console without the admin role); without it a 403 is an ordinary error.
   */
  window.consoleSession = function (options) {
    var $ = function (id) {
      return document.getElementById(id);
    };
    var session = {
      token: sessionStorage.getItem(options.tokenKey),
      login: sessionStorage.getItem(options.loginKey),
    };

    session.api = function (method, path, body) {
      return fetch(path, {
        method: method,
        headers: Object.assign(
          { 'Content-Type': 'application/json' },
          session.token ? { Authorization: 'Bearer ' + session.token } : {},
        ),
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(function (res) {
        if (res.status === 401) {
          session.logout();
          throw new Error('登录已失效，请重新登录');
        }
        if (res.status === 403 && options.forbidden) {
          session.logout();
          throw new Error(options.forbidden);
        }
        return res.text().then(function (text) {
          var data = text ? JSON.parse(text) : null;
          if (!res.ok) throw new Error((data && data.error && data.error.message) || '请求失败 ' + res.status);
          return data;
        });
      });
    };

    session.logout = function () {
      // End the session on the server too: the token is refused from now on, wherever it was copied.
      if (session.token)
        fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + session.token } }).catch(
          function () {},
        );
      session.token = null;
      sessionStorage.removeItem(options.tokenKey);
      $('console-view').hidden = true;
      $('login-view').hidden = false;
      if (options.onLogout) options.onLogout();
    };

    $('login-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var login = $('login-name').value.trim();
      session
        .api('POST', '/api/auth/login', { login: login, password: $('login-password').value })
        .then(function (result) {
          session.token = result.token;
          session.login = login;
          sessionStorage.setItem(options.tokenKey, result.token);
          sessionStorage.setItem(options.loginKey, login);
          options.onLogin();
        })
        .catch(function (error) {
          $('login-error').textContent = error.message;
        });
    });
    $('logout').addEventListener('click', session.logout);
    return session;
  };
})();
