// The header menu folds behind one button on a phone; on a wide screen the CSS shows it whole.
// Without this script the menu simply stays open: nothing depends on it.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-toggle");
  const header = document.querySelector(".site-header");
  if (!button || !header) return;
  header.classList.add("foldable");
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
    header.classList.toggle("menu-open", !open);
  });
});
