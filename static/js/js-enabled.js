// Loaded synchronously at the start of <body>: GOV.UK Frontend's styles for JavaScript-enhanced
// components depend on these classes. An external file rather than inline script, so that a
// strict Content-Security-Policy (script-src 'self') does not block it.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
