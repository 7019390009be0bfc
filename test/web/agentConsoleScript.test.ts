import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../src/directline/staticAssets.js';

// The browser test shows one hostile message rendering as text; this guards every code path.
describe('the agents’ console script', () => {
  it('when it puts customer or ticket text on the page, then it never uses an HTML sink (textContent only)', () => {
    for (const file of ['agent.js', 'admin.js', 'console.js', 'chat.js']) {
      const source = readFileSync(join(PUBLIC_DIR, file), 'utf8');
      expect(source).not.toMatch(
        /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/,
      );
    }
  });
});
