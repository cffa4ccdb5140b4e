// The layout's two small behaviours (L10), without a framework. Without this script the menu stays
// open and the language link still keeps the address's query string.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // The header's menu on narrow screens: a disclosure button (Enter and Space work, it is a <button>).
  function menu() {
    var button = document.querySelector('header.site .menu-toggle');
    var nav = document.getElementById('site-menu');
    if (!button || !nav) {
      return;
    }
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      nav.classList.toggle('open', open);
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        button.setAttribute('aria-expanded', 'false');
        nav.classList.remove('open');
        button.focus();
      }
    });
  }

  // The language link carries what was typed into the page's forms to the same page in the other
  // language: kept in this tab's session storage for the next page only, never the CSRF token, a
  // password or a file, and removed as soon as the next page has read it.
  var KEY = 'charte.form-carried';
  var SKIPPED = ['hidden', 'password', 'file', 'submit', 'button', 'reset'];

  function carried(field) {
    return field.name && field.name !== '_csrf' && SKIPPED.indexOf(field.type) < 0 && !field.disabled;
  }

  function carryOnSwitch() {
    var link = document.querySelector('header.site a.lang');
    if (!link || !window.sessionStorage) {
      return;
    }
    link.addEventListener('click', function () {
      var values = [];
      Array.prototype.forEach.call(document.querySelectorAll('main form'), function (form, index) {
        Array.prototype.forEach.call(form.elements, function (field) {
          if (!carried(field)) {
            return;
          }
          if ((field.type === 'checkbox' || field.type === 'radio')) {
            values.push({form: index, name: field.name, value: field.value, checked: field.checked});
          } else if (field.value !== '') {
            values.push({form: index, name: field.name, value: field.value});
          }
        });
      });
      if (values.length > 0) {
        sessionStorage.setItem(KEY, JSON.stringify(values));
      }
    });
  }

  function restore() {
    if (!window.sessionStorage) {
      return;
    }
    var stored = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (!stored) {
      return;
    }
    var forms = document.querySelectorAll('main form');
    JSON.parse(stored).forEach(function (entry) {
      var form = forms[entry.form];
      if (!form) {
        return;
      }
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name !== entry.name || !carried(field)) {
          return;
        }
        if (field.type === 'checkbox' || field.type === 'radio') {
          if (field.value === entry.value) {
            field.checked = entry.checked;
          }
        } else if (field.value === '' || field.tagName === 'SELECT') {
          field.value = entry.value;
        }
      });
    });
  }

  function start() {
    menu();
    restore();
    carryOnSwitch();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
