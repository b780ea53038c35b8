// Ktav's preview: shows a new rendering of the post's page without reloading it.
// Runs in Ktav's own script world (the page itself runs no script). The new page is parsed
// apart and compared with the one shown, level by level: elements whose content is the same
// stay (with their layout, scroll position and loaded images); where a single element changed,
// the comparison goes down into it; elsewhere the changed elements are replaced. An element
// that only moved (a line added above it) just gets its new data-line.
(function (html) {
  var fresh = new DOMParser().parseFromString(html, "text/html");
  if (document.title !== fresh.title) document.title = fresh.title;
  sync(document.body, fresh.body);
  return true;

  function blank(node) {
    return node.nodeType === 3 && !node.nodeValue.trim();
  }

  // A node's content without its own line number; kept on the node, so each is serialized once.
  function key(node) {
    if (node.ktavKey === undefined) {
      node.ktavKey = node.nodeType !== 1 ? node.nodeType + ":" + node.nodeValue
        : node.outerHTML.replace(/^(<[^>]*?) data-line="\d+"/, "$1");
    }
    return node.ktavKey;
  }

  // An element's tag and attributes, its line number aside.
  function shell(node) {
    if (node.nodeType !== 1) return null;
    var parts = [node.tagName];
    for (var i = 0; i < node.attributes.length; i++) {
      var attribute = node.attributes[i];
      if (attribute.name !== "data-line") parts.push(attribute.name + "=" + attribute.value);
    }
    return parts.join(" ");
  }

  function sameLine(target, source) {
    if (target.nodeType === 1 && source.getAttribute("data-line") !== target.getAttribute("data-line")) {
      if (source.hasAttribute("data-line")) target.setAttribute("data-line", source.getAttribute("data-line"));
      else target.removeAttribute("data-line");
    }
  }

  function sync(target, source) {
    // Blank lines around an element's content take no part in the comparison.
    while (target.firstChild && blank(target.firstChild)) target.removeChild(target.firstChild);
    while (target.lastChild && blank(target.lastChild)) target.removeChild(target.lastChild);
    var news = Array.prototype.slice.call(source.childNodes);
    while (news.length && blank(news[0])) news.shift();
    while (news.length && blank(news[news.length - 1])) news.pop();
    var olds = Array.prototype.slice.call(target.childNodes);

    var start = 0;
    while (start < news.length && start < olds.length && key(news[start]) === key(olds[start])) {
      sameLine(olds[start], news[start]);
      start++;
    }
    var end = 0;
    while (end < news.length - start && end < olds.length - start &&
           key(news[news.length - 1 - end]) === key(olds[olds.length - 1 - end])) {
      sameLine(olds[olds.length - 1 - end], news[news.length - 1 - end]);
      end++;
    }
    var oldMiddle = olds.slice(start, olds.length - end);
    var newMiddle = news.slice(start, news.length - end);
    if (oldMiddle.length === 1 && newMiddle.length === 1 && shell(oldMiddle[0]) !== null &&
        shell(oldMiddle[0]) === shell(newMiddle[0])) {
      sameLine(oldMiddle[0], newMiddle[0]);
      sync(oldMiddle[0], newMiddle[0]);
      oldMiddle[0].ktavKey = key(newMiddle[0]);
      return;
    }
    var after = end > 0 ? olds[olds.length - end] : null;
    oldMiddle.forEach(function (node) { target.removeChild(node); });
    newMiddle.forEach(function (node) { target.insertBefore(node, after); });
  }
})
