// The login page's progressive enhancement, as on the real Wisedu page:
// encryptPassword() = AES-CBC (key = pwdEncryptSalt, random 16-character IV, 64 random characters
// before the password, Base64) done with Web Crypto; once checkNeedCaptcha.htl (or the server's page) says a
// captcha is needed, UESTC's slider (slider.js) is asked for before posting. Without JavaScript the image captcha
// is shown instead and the form posts the password as typed.
(function () {
  var form = document.getElementById('pwdFromId');
  if (!form) return;
  var ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZabcdefhijkmnprstwxyz2345678';
  var username = document.getElementById('username');
  var password = document.getElementById('password');
  var saltPassword = document.getElementById('saltPassword');
  var salt = document.getElementById('pwdEncryptSalt').value;
  var captchaDiv = document.getElementById('captchaDiv');
  var captchaImg = document.getElementById('captchaImg');

  function randomString(length) {
    var bytes = new Uint8Array(length);
    window.crypto.getRandomValues(bytes);
    var out = '';
    for (var i = 0; i < length; i++) out += ALPHABET.charAt(bytes[i] % ALPHABET.length);
    return out;
  }

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary);
  }

  function encryptPassword(plain, key) {
    var encoder = new TextEncoder();
    return window.crypto.subtle.importKey('raw', encoder.encode(key), { name: 'AES-CBC' }, false, ['encrypt'])
      .then(function (cryptoKey) {
        var iv = encoder.encode(randomString(16));
        return window.crypto.subtle.encrypt({ name: 'AES-CBC', iv: iv }, cryptoKey, encoder.encode(randomString(64) + plain));
      })
      .then(toBase64);
  }

  function refreshCaptcha() {
    var src = (captchaImg.getAttribute('src') || captchaImg.getAttribute('data-src')).split('&_=')[0];
    captchaImg.setAttribute('src', src + '&_=' + Date.now());
  }

  var needCaptcha = !captchaDiv.classList.contains('hidden');
  // With the slider the image captcha is not shown: it is the fallback for pages without JavaScript.
  if (window.sliderCaptcha) captchaDiv.classList.add('hidden');

  function showCaptcha() {
    needCaptcha = true;
    if (window.sliderCaptcha || !captchaDiv.classList.contains('hidden')) return;
    captchaDiv.classList.remove('hidden');
    refreshCaptcha();
  }

  captchaImg.addEventListener('click', refreshCaptcha);
  // login.js encrypts the mobile number for getDynamicCode.htl with it, as the real page does.
  window.encryptPassword = encryptPassword;

  username.addEventListener('blur', function () {
    if (!username.value || captchaDiv.getAttribute('data-enabled') !== '1' || !window.fetch) return;
    fetch('/authserver/checkNeedCaptcha.htl?username=' + encodeURIComponent(username.value) + '&_=' + Date.now(), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer && answer.isNeed) showCaptcha(); })
      .catch(function () {});
  });

  var encrypted = false;
  var sliderSolved = false;
  var canEncrypt = function () { return password.value && window.crypto && window.crypto.subtle && window.TextEncoder; };

  function post() {
    encrypted = true;
    if (!canEncrypt()) return form.submit();
    return encryptPassword(password.value, salt).then(function (value) {
      // The encrypted value travels as "password"; the typed one is not sent.
      saltPassword.value = value;
      saltPassword.setAttribute('name', 'password');
      password.removeAttribute('name');
      form.submit();
    }, function () {
      form.submit();
    });
  }

  form.addEventListener('submit', function (event) {
    if (encrypted) return;
    var mustSlide = needCaptcha && window.sliderCaptcha && !sliderSolved && captchaDiv.getAttribute('data-enabled') === '1';
    if (!mustSlide && !canEncrypt()) return;
    event.preventDefault();
    if (!mustSlide) return post();
    // The solved slider is recorded for the form's captchaId, which the post carries; the typed field stays empty.
    return window.sliderCaptcha.open(form.querySelector('input[name="captchaId"]').value, function () {
      sliderSolved = true;
      post();
    });
  });
})();
