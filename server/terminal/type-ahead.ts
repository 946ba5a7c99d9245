/**
 * Keys typed while a command still runs, as a pty in canonical mode keeps them: echoed at once
 * (ECHO, ECHOCTL, ICRNL/ONLCR: Enter shows as a new line, control keys as ^X, DEL erases), queued
 * up to the 4096 bytes of a tty's line buffer, and handed to readline when the prompt returns,
 * which shows them again after it. Ctrl-C flushes the queue (ISIG without NOFLSH). Pure.
 */
export const TYPE_AHEAD_MAX = 4096;

export class TypeAhead {
  private queued = '';

  get pending(): string {
    return this.queued;
  }

  /** Queues what fits and returns the tty's echo of it. */
  push(data: string): string {
    const fits = data.slice(0, Math.max(0, TYPE_AHEAD_MAX - this.queued.length));
    let echo = '';
    for (const ch of fits) {
      if (ch === '\x7f' || ch === '\b') {
        // ECHOE: erase the last character of the line being typed, if there is one.
        const line = this.queued.slice(this.queued.lastIndexOf('\r') + 1);
        if (line.length > 0 && !line.endsWith('\x7f')) echo += '\b \b';
      } else if (ch === '\r' || ch === '\n') echo += '\r\n';
      else if (ch === '\t') echo += ch;
      else if (ch < ' ') echo += `^${String.fromCharCode(ch.charCodeAt(0) + 64)}`;
      else echo += ch;
      this.queued += ch;
    }
    return echo;
  }

  /** The queue, emptied: what readline reads next. */
  take(): string {
    const q = this.queued;
    this.queued = '';
    return q;
  }
}
