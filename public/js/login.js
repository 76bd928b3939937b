// The login page's own behaviour, as the real Wisedu login.js: the 账号登录 / 短信登录 tabs switch between the
// two forms in place (without JavaScript they are links to ?type=), the 《隐私协议》 tick is asked for before a
// form is posted, and 获取验证码 asks getDynamicCode.htl for a code and counts down the wait it answers.
(function () {
  var pwdForm = document.getElementById('pwdFromId');
  var phoneForm = document.getElementById('phoneFromId');
  if (!pwdForm || !phoneForm) return;
  var tabs = [document.getElementById('accountTab'), document.getElementById('mobileTab')];
  var sendButton = document.getElementById('getTelCode');
  var mobile = document.getElementById('mobile');
  var telCaptcha = document.getElementById('telCaptcha');
  var telCaptchaImg = document.getElementById('telCaptchaImg');
  var timer = null;
  // With the slider, each code is asked for after a solved slider (as on UESTC's page); the image is the no-JS fallback.
  var slider = telCaptcha && window.sliderCaptcha;

  /** Shows a message where the server shows its own: an error in #showErrorTip, news in #loginNotice. */
  function tip(text, isError) {
    var other = document.getElementById(isError ? 'loginNotice' : 'showErrorTip');
    if (other) other.hidden = true;
    var box = document.getElementById(isError ? 'showErrorTip' : 'loginNotice');
    if (!box) {
      box = document.createElement('p');
      box.id = isError ? 'showErrorTip' : 'loginNotice';
      box.className = 'notice ' + (isError ? 'notice-error' : 'notice-info');
      box.setAttribute('role', isError ? 'alert' : 'status');
      pwdForm.parentNode.insertBefore(box, pwdForm);
    }
    box.hidden = false;
    box.textContent = text;
  }

  function refreshTelCaptcha() {
    if (!telCaptchaImg || slider) return;
    var src = (telCaptchaImg.getAttribute('src') || telCaptchaImg.getAttribute('data-src')).split('&_=')[0];
    telCaptchaImg.setAttribute('src', src + '&_=' + Date.now());
    telCaptcha.value = '';
  }

  function show(tab) {
    tabs.forEach(function (t) {
      var on = t === tab;
      document.getElementById(t.getAttribute('data-form')).hidden = !on;
      if (on) t.setAttribute('aria-current', 'page');
      else t.removeAttribute('aria-current');
    });
    if (tab.id === 'mobileTab' && telCaptchaImg && !telCaptchaImg.getAttribute('src')) refreshTelCaptcha();
    if (window.history && window.history.replaceState) window.history.replaceState(null, '', tab.href);
  }

  tabs.forEach(function (tab) {
    tab.addEventListener('click', function (event) {
      event.preventDefault();
      show(tab);
    });
  });
  if (telCaptchaImg) telCaptchaImg.addEventListener('click', refreshTelCaptcha);
  if (slider) telCaptcha.closest('.field').hidden = true;

  // Captured on the document, so it runs before encrypt.js posts the form itself.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form !== pwdForm && form !== phoneForm) return;
    var agree = form.querySelector('input[name="agreeProtocol"]');
    if (agree.checked || event.submitter === sendButton) return;
    event.preventDefault();
    event.stopPropagation();
    tip(agree.getAttribute('data-required-message'), true);
    agree.focus();
  }, true);

  function countdown(seconds) {
    clearTimeout(timer);
    if (seconds <= 0) {
      sendButton.disabled = false;
      sendButton.textContent = sendButton.getAttribute('data-label');
      return;
    }
    sendButton.disabled = true;
    sendButton.textContent = seconds + sendButton.getAttribute('data-waiting');
    timer = setTimeout(function () { countdown(seconds - 1); }, 1000);
  }
  countdown(parseInt(sendButton.getAttribute('data-countdown'), 10) || 0);

  function askForCode(postedMobile) {
    var body = new URLSearchParams({ mobile: postedMobile, captcha: telCaptcha ? telCaptcha.value : '' });
    var captchaId = document.getElementById('telCaptchaId');
    if (captchaId) body.set('captchaId', captchaId.value);
    return fetch(sendButton.getAttribute('formaction'), { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        tip(data.message, data.code !== 'success');
        if (data.code === 'success') countdown(parseInt(sendButton.getAttribute('data-cooldown'), 10) || 120);
        else if (data.code === 'timeExpire' && data.time) countdown(data.time);
        // Every code needs a new picture: the answer just typed has been used.
        refreshTelCaptcha();
      });
  }

  sendButton.addEventListener('click', function (event) {
    if (!window.fetch || !window.URLSearchParams) return;
    event.preventDefault();
    var typed = mobile.value.trim();
    function send() {
      // The real page encrypts the number with its fixed DEFAULT_SALT before sending it.
      var posted = window.encryptPassword && window.crypto && window.crypto.subtle && typed
        ? window.encryptPassword(typed, 'rjBFAaHsNkKAhpoi')
        : Promise.resolve(typed);
      posted.then(askForCode).catch(function () {});
    }
    if (slider && typed) slider.open(document.getElementById('telCaptchaId').value, send);
    else send();
  });
})();
