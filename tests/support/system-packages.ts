import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser tests need Debian's Chromium and a CJK font. Installs them when missing and this
 * process may (root with apt-get); otherwise says what to install.
 */
export function ensureChromium(): void {
  const fontsPresent = existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  if (existsSync(chromiumPath) && fontsPresent) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium was not found at ${chromiumPath}. Install it (sudo apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH.`);
    }
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium', 'fonts-noto-cjk']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install chromium and fonts-noto-cjk by hand.`);
  }
}
