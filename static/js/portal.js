// Samordna's own script. No inline scripts anywhere (Content Security Policy).
document.addEventListener("DOMContentLoaded", function () {
  // htmx: send the CSRF token with every request it makes.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  // htmx replaced the part of the page that held the focus (the backlog's Up/Down buttons): keep the
  // keyboard where it was (WCAG 2.4.3) — on the same button of the same form, or, when that button is
  // now disabled (the item reached the top or the bottom), on the form's other button.
  var focused = null;
  document.body.addEventListener("htmx:beforeSwap", function () {
    var el = document.activeElement;
    focused = el && el.form ? { action: el.form.getAttribute("action"), name: el.name, value: el.value } : null;
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    if (!focused || (document.activeElement && document.activeElement !== document.body)) { return; }
    var form = Array.prototype.filter.call(document.forms, function (f) {
      return f.getAttribute("action") === focused.action;
    })[0];
    var buttons = form ? Array.prototype.slice.call(form.querySelectorAll("button, input[type=submit]")) : [];
    var same = buttons.filter(function (b) { return b.name === focused.name && b.value === focused.value; })[0];
    var target = same && !same.disabled ? same : buttons.filter(function (b) { return !b.disabled; })[0];
    if (target) { target.focus(); }
    focused = null;
  });
  // Forms that ask before a destructive action: <form data-confirm="…">.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
