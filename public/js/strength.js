// Asks the server, which owns the one list of password rules, how the typed password fares, and ticks rules off.
(function () {
  var form = document.querySelector('form[data-check-url]');
  if (!form || !window.fetch) return;
  var input = form.querySelector('#password');
  var meter = document.getElementById('strength-meter');
  var text = document.getElementById('strength-text');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var timer = null;
  var latest = 0;
  function update() {
    var sent = ++latest;
    var body = new URLSearchParams({ password: input.value, _csrf: csrf });
    fetch(form.getAttribute('data-check-url'), { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (verdict) {
        if (!verdict || sent !== latest) return;
        meter.value = verdict.score;
        text.textContent = input.value ? verdict.label : '';
        verdict.rules.forEach(function (rule) {
          var item = form.querySelector('[data-rule="' + rule.id + '"]');
          if (!item) return;
          item.classList.toggle('rule-ok', rule.ok);
          item.classList.toggle('rule-failed', !rule.ok && input.value !== '');
        });
      })
      .catch(function () {});
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
