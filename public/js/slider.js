// UESTC's slider captcha: a puzzle from openSliderCaptcha.htl for the form's captchaId; the piece is dragged
// (or moved with the arrow keys) into its hole, and verifySliderCaptcha.htl says whether it landed there. A solved
// slider stands in for the typed captcha of that id once. Pages without JavaScript keep the image captcha.
(function () {
  var box = document.getElementById('sliderCaptchaDiv');
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var big = document.getElementById('sliderBig');
  var piece = document.getElementById('sliderPiece');
  var picture = document.getElementById('sliderPicture');
  var track = document.getElementById('sliderTrack');
  var handle = document.getElementById('sliderHandle');
  var message = document.getElementById('sliderMessage');
  var captchaId = null;
  var onPassed = null;
  var offset = 0;
  var dragFrom = null;
  var busy = false;

  function maxOffset() {
    return Math.max(0, Math.min(track.clientWidth - handle.offsetWidth, picture.clientWidth - piece.offsetWidth));
  }

  function moveTo(px) {
    offset = Math.max(0, Math.min(maxOffset(), px));
    handle.style.transform = 'translateX(' + offset + 'px)';
    piece.style.transform = 'translateX(' + offset + 'px)';
  }

  function load() {
    message.textContent = '';
    moveTo(0);
    return fetch('/authserver/common/openSliderCaptcha.htl?captchaId=' + encodeURIComponent(captchaId) + '&_=' + Date.now(), { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        big.onload = function () {
          var scale = picture.clientWidth / big.naturalWidth;
          piece.style.width = p.tagWidth * scale + 'px';
          piece.style.top = p.yHeight * scale + 'px';
        };
        big.src = 'data:image/png;base64,' + p.bigImage;
        piece.src = 'data:image/png;base64,' + p.smallImage;
      });
  }

  function verify() {
    if (busy) return;
    busy = true;
    var body = new URLSearchParams({ captchaId: captchaId, canvasLength: String(picture.clientWidth), moveLength: String(Math.round(offset)) });
    fetch('/authserver/common/verifySliderCaptcha.htl', { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.errorCode === 1) {
          message.textContent = box.getAttribute('data-passed');
          box.hidden = true;
          if (onPassed) onPassed();
          return undefined;
        }
        message.textContent = box.getAttribute('data-failed');
        // One try per puzzle: a new one is drawn at once.
        return load().then(function () { message.textContent = box.getAttribute('data-failed'); });
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  handle.addEventListener('pointerdown', function (event) {
    dragFrom = event.clientX - offset;
    handle.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  handle.addEventListener('pointermove', function (event) {
    if (dragFrom !== null) moveTo(event.clientX - dragFrom);
  });
  handle.addEventListener('pointerup', function () {
    if (dragFrom === null) return;
    dragFrom = null;
    verify();
  });
  handle.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      moveTo(offset + (event.key === 'ArrowRight' ? 2 : -2));
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === ' ') {
      verify();
      event.preventDefault();
    }
  });
  document.getElementById('sliderRefresh').addEventListener('click', load);
  document.getElementById('sliderClose').addEventListener('click', function () { box.hidden = true; });

  window.sliderCaptcha = {
    /** Shows a new puzzle for this captcha id; calls passed() once it is solved. */
    open: function (id, passed) {
      captchaId = id;
      onPassed = passed;
      box.hidden = false;
      load().then(function () { handle.focus(); });
    },
  };
})();
