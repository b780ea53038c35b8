// Ktav's preview: rebuilds the page's new HTML from the one shown last and the parts that changed
// (pairs of [start, stop, text] in UTF-16 units, in order), then shows it with update_page.js.
// Returns false when this world does not hold the page the changes were made against (a page
// loaded since): Ktav then sends the whole page (base 0).
(function (base, serial, changes, update) {
  var shown = window.ktavShownPage;
  var html;
  if (base === 0) {
    html = changes[0][2];
  } else if (shown && shown.serial === base) {
    var pieces = [], at = 0;
    changes.forEach(function (change) {
      pieces.push(shown.html.slice(at, change[0]), change[2]);
      at = change[1];
    });
    pieces.push(shown.html.slice(at));
    html = pieces.join("");
  } else {
    return false;
  }
  window.ktavShownPage = {serial: serial, html: html};
  return update(html);
})
