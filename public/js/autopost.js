// CAS method=POST: hands the ticket to the service in a form the browser submits at once.
(function () {
  var form = document.getElementById('casPostResponse');
  if (form) form.submit();
})();
