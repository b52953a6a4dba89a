// Site-wide behaviour: `/` focuses the header search box (unless the reader
// is typing somewhere already). Everything else works without JavaScript.
document.addEventListener("keydown", (e) => {
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const box = document.getElementById("search-input") || document.getElementById("site-search-q");
  if (!box) return;
  e.preventDefault();
  box.focus();
  box.select();
});
