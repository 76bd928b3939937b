// A click on the captcha image draws a new one for the same id.
(function () {
  var img = document.getElementById('captchaImg');
  if (!img) return;
  img.addEventListener('click', function () {
    img.setAttribute('src', img.getAttribute('src').split('&_=')[0] + '&_=' + Date.now());
  });
})();
