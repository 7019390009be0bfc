import type { Writable } from 'node:stream';

const WIDTH = 30;
/** Without a terminal (CI logs) the bar is redrawn in tenths only, to keep logs short. */
const LOG_STEPS = 10;

/** A one-line progress bar redrawn in place on stderr (never stdout, which carries results). */
export function createProgressBar(out: Writable, total: number, label: string): { tick(): void; done(): void } {
  let current = 0;
  let drawn = -1;
  const steps = 'isTTY' in out && out.isTTY === true ? WIDTH : LOG_STEPS;
  const draw = (): void => {
    const filled = total === 0 ? WIDTH : Math.round((current / total) * WIDTH);
    const step = total === 0 ? steps : Math.floor((current / total) * steps);
    // Redraw only when the bar visibly moves: thousands of writes slow a pipe down.
    if (step === drawn && current !== total) return;
    drawn = step;
    out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${current}/${total}`);
  };
  return {
    tick() {
      current++;
      draw();
    },
    done() {
      current = total;
      drawn = -1;
      draw();
      out.write('\n');
    },
  };
}
