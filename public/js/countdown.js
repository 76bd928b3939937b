// Counts the resend cooldown down on the 获取验证码 button; the server enforces the same cooldown.
(function () {
  var button = document.querySelector('[data-countdown]');
  if (!button) return;
  var seconds = parseInt(button.getAttribute('data-countdown'), 10) || 0;
  var label = button.getAttribute('data-label');
  var waiting = button.getAttribute('data-waiting');
  function tick() {
    if (seconds <= 0) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.disabled = true;
    button.textContent = seconds + waiting;
    seconds -= 1;
    setTimeout(tick, 1000);
  }
  tick();
})();
