// The image library's focal point: click (or use the arrow keys on) the picture to mark what
// matters most; crops for cards and link previews keep it. The two number fields stay the truth,
// and work without this script. No inline styles: the marker moves through the CSSOM.
"use strict";

for (const picker of document.querySelectorAll("[data-focal-point]")) {
  const frame = picker.querySelector(".focal-point__frame");
  const marker = picker.querySelector(".focal-point__marker");
  const inputX = document.getElementById(picker.dataset.xInput);
  const inputY = document.getElementById(picker.dataset.yInput);
  if (!frame || !marker || !inputX || !inputY) continue;

  const clamp = (value) => Math.min(1, Math.max(0, value));
  const read = () => [clamp(parseFloat(inputX.value) || 0.5), clamp(parseFloat(inputY.value) || 0.5)];
  const show = () => {
    const [x, y] = read();
    marker.style.left = `${x * 100}%`;
    marker.style.top = `${y * 100}%`;
    frame.setAttribute("aria-valuetext", `${Math.round(x * 100)}% across, ${Math.round(y * 100)}% down`);
  };
  const set = (x, y) => {
    inputX.value = clamp(x).toFixed(2);
    inputY.value = clamp(y).toFixed(2);
    show();
  };

  frame.tabIndex = 0;
  frame.setAttribute("role", "slider");
  frame.setAttribute("aria-label", "Focal point");
  frame.addEventListener("click", (event) => {
    const box = frame.getBoundingClientRect();
    set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
  });
  frame.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const [x, y] = read();
    set(x + move[0], y + move[1]);
  });
  inputX.addEventListener("input", show);
  inputY.addEventListener("input", show);
  picker.classList.add("focal-point--ready");
  show();
}
