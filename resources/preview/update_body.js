// Ktav's preview: puts a new rendering of the post's body into the page without reloading it.
// Runs in Ktav's own script world (the page itself runs no script). Only the top-level blocks
// that changed are replaced, so the page keeps its layout, its scroll position and its images;
// blocks after an edit that only moved (a line added above them) just get their new data-line.
(function (selector, html) {
  var body = document.querySelector(selector);
  if (!body) return false;
  var template = document.createElement("template");
  template.innerHTML = html;
  // The page template puts blank lines around the body: they take no part in the comparison.
  while (body.firstChild && blank(body.firstChild)) body.removeChild(body.firstChild);
  while (body.lastChild && blank(body.lastChild)) body.removeChild(body.lastChild);
  var fresh = trim(Array.prototype.slice.call(template.content.childNodes));
  var old = Array.prototype.slice.call(body.childNodes);

  function blank(node) {
    return node.nodeType === 3 && !node.nodeValue.trim();
  }
  function trim(nodes) {
    var first = 0, last = nodes.length;
    while (first < last && blank(nodes[first])) first++;
    while (last > first && blank(nodes[last - 1])) last--;
    return nodes.slice(first, last);
  }

  // A block's content without its line number; kept on the node, so each block is serialized once.
  function key(node) {
    if (node.ktavKey === undefined) {
      node.ktavKey = node.nodeType !== 1 ? node.nodeType + ":" + node.nodeValue
        : node.outerHTML.replace(/^(<[^>]*?) data-line="\d+"/, "$1");
    }
    return node.ktavKey;
  }
  function sameLine(target, source) {
    if (target.nodeType === 1 && source.getAttribute("data-line") !== target.getAttribute("data-line")) {
      target.setAttribute("data-line", source.getAttribute("data-line"));
    }
  }

  var start = 0;
  while (start < fresh.length && start < old.length && key(fresh[start]) === key(old[start])) {
    sameLine(old[start], fresh[start]);
    start++;
  }
  var end = 0;
  while (end < fresh.length - start && end < old.length - start &&
         key(fresh[fresh.length - 1 - end]) === key(old[old.length - 1 - end])) {
    sameLine(old[old.length - 1 - end], fresh[fresh.length - 1 - end]);
    end++;
  }
  var after = end > 0 ? old[old.length - end] : null;
  for (var i = start; i < old.length - end; i++) body.removeChild(old[i]);
  for (var k = start; k < fresh.length - end; k++) body.insertBefore(fresh[k], after);
  return true;
})
