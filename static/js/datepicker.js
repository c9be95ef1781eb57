// The date picker: a month of the reader's calendar beside every date field
// (calendars.forms.CalendarDateInput). The server draws the month (calendars.views.month), so month
// names, weekdays, digits and leap years come from the same code that shows and reads dates; this
// file only opens it, moves the focus and writes the chosen day into the field.
//
// A modal <dialog> sits in the top layer: no table or scrolling card clips it, focus stays inside,
// and Escape closes it. Browsers without <dialog> keep the button hidden; people type the date.
(() => {
  if (typeof HTMLDialogElement !== "function" || !window.htmx) return;
  document.documentElement.classList.add("has-date-picker");

  let dialog = null; // one for the page, made when first needed
  let input = null; // the field being filled
  let opener = null; // the button that opened the picker
  let picked = false; // a day was chosen: focus goes to the field, else back to the button
  let focusNav = null; // after a month change by its button or the year list, focus that again

  function days() {
    return [...dialog.querySelectorAll(".date-picker-day")];
  }

  // Roving focus: one day is in the Tab order; arrows move it.
  function focusDay(day) {
    const target = day || dialog.querySelector(".date-picker-day[tabindex='0']") || days()[0];
    if (!target) return;
    days().forEach((each) => each.setAttribute("tabindex", each === target ? "0" : "-1"));
    target.focus();
  }

  function afterMonthShown() {
    const nav = focusNav && dialog.querySelector(`[data-nav="${focusNav}"]`);
    focusNav = null;
    if (nav) nav.focus();
    else focusDay();
  }

  function fill(value) {
    input.value = value;
    // Other scripts (and the browser's own form handling) hear about it as if it were typed.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    picked = true;
    dialog.close();
  }

  function onClick(event) {
    // The dialog has no padding of its own, so a click on the dialog itself is on the backdrop.
    if (event.target === dialog || event.target.closest("[data-picker-close]")) {
      dialog.close();
      return;
    }
    const day = event.target.closest("[data-date]");
    if (day) fill(day.dataset.date);
    const nav = event.target.closest("button[data-nav]");
    if (nav) focusNav = nav.dataset.nav;
  }

  function onKeydown(event) {
    if (event.target.matches("select")) return; // the year list keeps its own keys
    if (event.key === "PageUp" || event.key === "PageDown") {
      const nav = dialog.querySelector(`[data-nav="${event.key === "PageUp" ? "previous" : "next"}"]`);
      event.preventDefault();
      if (nav) nav.click();
      focusNav = null; // a keyboard month change lands on a day
      return;
    }
    const day = event.target.closest(".date-picker-day");
    if (!day) return;
    // Arrows follow what the eye sees: in a right-to-left month the next day is to the left.
    const forward = getComputedStyle(dialog).direction === "rtl" ? -1 : 1;
    const steps = { ArrowRight: forward, ArrowLeft: -forward, ArrowDown: 7, ArrowUp: -7 };
    const all = days();
    let index;
    if (event.key in steps) index = all.indexOf(day) + steps[event.key];
    else if (event.key === "Home") index = 0;
    else if (event.key === "End") index = all.length - 1;
    else return;
    event.preventDefault();
    focusDay(all[Math.min(Math.max(index, 0), all.length - 1)]);
  }

  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "date-picker";
    dialog.setAttribute("aria-labelledby", "date-picker-title");
    document.body.append(dialog);
    dialog.addEventListener("click", onClick);
    dialog.addEventListener("keydown", onKeydown);
    // A year chosen in the list (by mouse or keyboard) keeps the focus on the list.
    dialog.addEventListener("change", (event) => {
      if (event.target.matches("select[data-nav]")) focusNav = event.target.dataset.nav;
    });
    dialog.addEventListener("htmx:afterSettle", () => {
      if (dialog.open) afterMonthShown();
    });
    dialog.addEventListener("close", () => {
      if (opener) opener.setAttribute("aria-expanded", "false");
      const back = picked ? input : opener;
      picked = false;
      if (back && back.isConnected) back.focus();
    });
  }

  async function open(button) {
    input = document.getElementById(button.dataset.pickerFor);
    if (!input) return;
    opener = button;
    if (!dialog) makeDialog();
    dialog.replaceChildren(); // never show the month of the last field while this one loads
    const url = new URL(button.dataset.pickerUrl, window.location.href);
    url.searchParams.set("value", input.value);
    await htmx.ajax("GET", url.pathname + url.search, { target: dialog, swap: "innerHTML" });
    if (!dialog.querySelector(".date-picker-body")) return; // offline or refused: the field still takes typing
    if (!dialog.open) dialog.showModal();
    button.setAttribute("aria-expanded", "true");
    focusDay();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-picker-for]");
    if (button) open(button);
  });
})();
