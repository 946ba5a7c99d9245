// A page object for the lab page: the terminal (read from xterm's buffer), the task panel,
// the app tabs and the map, so browser tests read like what a learner does.
import type { Page } from 'playwright-core';

export class LabPage {
  constructor(readonly page: Page) {}

  async screen(): Promise<string> {
    return this.page.evaluate(() => {
      const b = (window as unknown as { ckalab: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } } }).ckalab.term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < b.length; i++) out.push(b.getLine(i)?.translateToString(true) ?? '');
      return out.join('\n');
    });
  }

  async waitScreen(re: RegExp, timeout = 10000): Promise<void> {
    await this.page.waitForFunction(
      (src) => {
        if (!(window as unknown as { ckalab?: unknown }).ckalab) return false;
        const b = (window as unknown as { ckalab: { term: { buffer: { active: { length: number; getLine(i: number): { translateToString(t: boolean): string } | undefined } } } } }).ckalab.term.buffer.active;
        const out: string[] = [];
        for (let i = 0; i < b.length; i++) out.push(b.getLine(i)?.translateToString(true) ?? '');
        return new RegExp(src).test(out.join('\n'));
      },
      re.source,
      { timeout },
    );
  }

  async focusTerminal(): Promise<void> {
    await this.page.locator('#tabs [data-tab=terminal]').click();
    await this.page.locator('#terminal .xterm').click();
  }

  /** Types a line in the terminal and presses Enter. */
  async run(line: string): Promise<void> {
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }

  async stepTitle(): Promise<string> {
    return (await this.page.locator('#step h2').first().textContent()) ?? '';
  }

  async choose(choice: string): Promise<string> {
    await this.page.locator(`#step label.choice input[value="${choice.replace(/"/g, '\\"')}"]`).check();
    return this.submit();
  }

  async answerText(text: string): Promise<string> {
    await this.page.locator('#step input[name=answer]').fill(text);
    return this.submit();
  }

  private async submit(): Promise<string> {
    await this.page.locator('#step form.question button[type=submit]').click();
    const fb = this.page.locator('#step .feedback p:not(.pending)').first();
    await fb.waitFor();
    return (await fb.textContent()) ?? '';
  }

  async next(): Promise<void> {
    const before = await this.stepTitle();
    await this.page.locator('#next').click();
    await this.page.waitForFunction((b) => document.querySelector('#step h2')?.textContent !== b, before);
  }

  async check(): Promise<{ passed: boolean; items: { ok: boolean; title: string; explanation: string }[] }> {
    await this.page.locator('#check').click();
    await this.page.locator('#check:not([disabled])', { hasText: 'Check' }).waitFor();
    const fb = this.page.locator('#step .feedback');
    await fb.locator('p').first().waitFor();
    const items = await fb.locator('ul.checks li').evaluateAll((lis) =>
      lis.map((li) => ({ ok: li.classList.contains('pass'), title: li.querySelector('.check-title')?.textContent ?? '', explanation: li.querySelector('.explanation')?.textContent ?? '' })),
    );
    return { passed: (await fb.locator('p').first().textContent()) === 'All checks pass.', items };
  }

  /** Tests a connection from a pod's app page; returns what the page prints. */
  async appTest(pod: string, host: string, port: number): Promise<string> {
    await this.page.locator(`#tabs [data-pod="default/${pod}"]`).click();
    await this.page.locator('#app-form input[name=host]').fill(host);
    await this.page.locator('#app-form input[name=port]').fill(String(port));
    await this.page.locator('#app-form button[type=submit]').click();
    await this.page.waitForFunction(() => {
      const t = document.getElementById('app-result')?.textContent ?? '';
      return t !== '' && t !== 'Testing…';
    });
    return (await this.page.locator('#app-result').textContent()) ?? '';
  }

  /** Map edges drawn as allowed (class edge, not denied), as `from→to`. */
  async mapEdges(): Promise<string[]> {
    return this.page.locator('#map svg path.edge:not(.head):not(.denied)').evaluateAll((ps) => ps.map((p) => `${(p as SVGElement).dataset.from}→${(p as SVGElement).dataset.to}`));
  }
}
