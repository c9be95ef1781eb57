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
