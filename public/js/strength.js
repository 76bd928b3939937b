// Asks the server, which owns the one list of password rules, how the typed password fares, and ticks rules off.
// After a refused submit the server's verdict (the red message and the list of broken rules) is replaced by the
// live one: it lists the rules still broken and disappears once every rule is met.
(function () {
  var form = document.querySelector('form[data-check-url]');
  if (!form || !window.fetch) return;
  var input = form.querySelector('#password');
  var meter = document.getElementById('strength-meter');
  var text = document.getElementById('strength-text');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var weakError = form.getAttribute('data-weak-error') === '1' ? document.getElementById('password-error') : null;
  var failedBox = document.getElementById('password-failed-rules');
  var timer = null;
  var latest = 0;

  function showServerVerdictAgain(failedIds) {
    var allMet = failedIds.length === 0;
    if (weakError) {
      weakError.hidden = allMet;
      weakError.parentNode.classList.toggle('field-invalid', !allMet);
      if (allMet) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    }
    if (!failedBox) return;
    failedBox.hidden = allMet;
    while (failedBox.firstChild) failedBox.removeChild(failedBox.firstChild);
    failedIds.forEach(function (id) {
      var rule = form.querySelector('[data-rule="' + id + '"]');
      var item = document.createElement('li');
      item.className = 'field-error';
      item.textContent = rule ? rule.textContent : '';
      failedBox.appendChild(item);
    });
  }

  function update() {
    var sent = ++latest;
    var body = new URLSearchParams({ password: input.value, _csrf: csrf });
    fetch(form.getAttribute('data-check-url'), { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (verdict) {
        if (!verdict || sent !== latest) return;
        meter.value = verdict.score;
        text.textContent = input.value ? verdict.label : '';
        var failedIds = [];
        verdict.rules.forEach(function (rule) {
          var item = form.querySelector('[data-rule="' + rule.id + '"]');
          if (!item) return;
          item.classList.toggle('rule-ok', rule.ok);
          item.classList.toggle('rule-failed', !rule.ok && input.value !== '');
          if (!rule.ok && input.value !== '') failedIds.push(rule.id);
        });
        if (input.value !== '') showServerVerdictAgain(failedIds);
      })
      .catch(function () {});
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
