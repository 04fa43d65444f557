import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

/**
 * A whole Chromium process on a profile folder that outlives it, so a test can SIGKILL the browser
 * (no shutdown, no flush: what a crash or a power cut does) and launch it again on the same profile.
 */
export class BrowserProcess {
  readonly profile = mkdtempSync(join(tmpdir(), 'aios-profile-'));
  private child: ChildProcess | undefined;
  private browser: Browser | undefined;

  /** Starts Chromium on the profile and opens `url` in its first tab. */
  async launch(url: string): Promise<Page> {
    const child = spawn(
      '/usr/bin/chromium',
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${this.profile}`,
        '--remote-debugging-port=0',
        '--window-size=1400,900',
        'about:blank',
      ],
      // Its own process group, so a kill takes the renderers and helpers down with it.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.child = child;
    const endpoint = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${seen}`)));
    });
    this.browser = await chromium.connectOverCDP(endpoint);
    const context = this.browser.contexts()[0];
    if (!context) throw new Error('chromium started without a default context');
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    return page;
  }

  /** SIGKILL to the whole browser: it gets no chance to write anything it was holding back. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Playwright must have seen the connection drop before the test's hooks look at the browser
    // (tracing): otherwise they call into a closed one.
    const browser = this.browser;
    const disconnected = browser?.isConnected()
      ? new Promise((resolve) => browser.once('disconnected', resolve))
      : Promise.resolve();
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
    await Promise.all([exited, disconnected]);
    this.browser = undefined;
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.kill();
    // A helper process of the killed group may still be closing files for a moment.
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
