// Keyboard users keep their place: after a member card is added, focus its first field;
// after one is removed, focus the "Add a member" button.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  if (target.id === "members") {
    const cards = target.querySelectorAll("fieldset.member-card");
    const last = cards[cards.length - 1];
    const first = last && last.querySelector("select, input:not([type=hidden])");
    if (first) first.focus();
  }
});
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.hidden && event.detail.target.id.startsWith("member-")) {
    const add = document.getElementById("add-member");
    if (add) add.focus();
  }
});

// When a name is typed in Arabic script or Cyrillic, offer the usual Latin spelling in the empty
// Latin field beside it (the clerk can change it). The server keeps the variant table.
const form = document.getElementById("arrival-form");
if (form) {
  form.addEventListener("change", async (event) => {
    const input = event.target;
    const match = input.name && input.name.match(/^(members-\d+-|member-)?(given|father|grandfather|family)_name$/);
    if (!match || !input.value.trim()) return;
    const latin = form.querySelector(`[name="${input.name}_latin"]`);
    if (!latin || (latin.value.trim() && !latin.classList.contains("suggested"))) return;
    const response = await fetch(`${form.dataset.suggestUrl}?text=${encodeURIComponent(input.value)}`,
      { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const suggestion = (await response.json()).latin;
    // The clerk may have started typing the Latin spelling while we asked: theirs wins.
    const untouched = !latin.value.trim() || latin.classList.contains("suggested");
    if (suggestion && untouched && document.activeElement !== latin) {
      latin.value = suggestion;
      latin.classList.add("suggested");
    }
  });
  form.addEventListener("input", (event) => {
    if (event.target.classList.contains("suggested") && event.isTrusted) event.target.classList.remove("suggested");
  });
}
