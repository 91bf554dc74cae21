import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../../server/src/config.ts';
import { chromiumPath } from './system-packages.ts';

export const artifactsDir = path.join(projectRoot, 'tests', 'artifacts');

/** Debian's Chromium, headless, with WebGL2 through SwiftShader so maps and deck.gl really render. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
