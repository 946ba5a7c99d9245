/**
 * Runs a script's lines on a lab as the terminal would: a line that leaves a heredoc, a quote
 * or a pipe unfinished is joined with the next ones, as bash's `> ` continuation does.
 */
import type { Lab, LabRunResult } from './lab.js';

export interface ScriptStep extends LabRunResult {
  input: string;
}

/** Groups raw lines into the commands the shell would run, then runs each. */
export function runScript(lab: Pick<Lab, 'run' | 'needsMore'>, lines: readonly string[], columns = 80): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let pending: string[] = [];
  const flush = () => {
    const input = pending.join('\n');
    pending = [];
    if (input.trim() === '') return;
    steps.push({ input, ...lab.run(input, columns) });
  };
  for (const line of lines) {
    pending.push(line);
    if (!lab.needsMore(pending.join('\n'))) flush();
  }
  // An unfinished construct at the end of the script runs as it is, and the shell says what is wrong.
  if (pending.length > 0) flush();
  return steps;
}
