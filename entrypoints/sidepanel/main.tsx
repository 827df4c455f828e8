// The side panel's module entry: its styles (linked in the page's head, so the first-paint shell is
// styled) and, once that shell has had its frame, React's UI (boot.tsx). Evaluating React's bundle
// takes tens of milliseconds on a busy machine; run before the first frame, it held the shell's paint
// back by as much (docs/performance.md, "Cold open (session 2)").
import '@/components/sidepanel/chat.css';
import './style.css';

let booted = false;
const boot = () => {
  if (booted) return;
  booted = true;
  void import('./boot');
};
// After the next frame; a hidden page runs no animation frames, hence the timer as well.
requestAnimationFrame(() => setTimeout(boot, 0));
setTimeout(boot, 100);
