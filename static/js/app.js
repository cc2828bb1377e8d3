// Homeward's JavaScript entry point, loaded as a module at the end of every page.
// The vendored files are copied into static/vendor/ by `make assets`.
import { initAll as initGovUk } from "../vendor/govuk-frontend/govuk-frontend.min.js";
import { initAll as initMoj } from "../vendor/moj/moj-frontend.min.js";

function init(scope) {
  initGovUk({ scope });
  initMoj({ scope });
}

init(document);

// Content swapped in by htmx gets the same components set up.
document.body.addEventListener("htmx:load", (event) => {
  if (event.target !== document.body) {
    init(event.target);
  }
});
